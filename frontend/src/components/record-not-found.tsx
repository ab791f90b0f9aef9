import { Button, Card, Result } from 'antd';
import { PageHeader } from '@/components/page-header';

/** An editor page whose record does not exist (deleted, or a mistyped link), with the way back to its list. */
export function RecordNotFound({ title, body, backLabel, onBack }: { title: string; body: string; backLabel: string; onBack: () => void }) {
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <Result
          status="404"
          title={title}
          subTitle={body}
          extra={
            <Button type="primary" onClick={onBack}>
              {backLabel}
            </Button>
          }
        />
      </Card>
    </>
  );
}
