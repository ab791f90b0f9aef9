import { useMemo } from 'react';
import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { COMPANY_TIERS } from '@fulcrum/shared';
import type { CompanyTier, SegmentMember, SegmentTarget } from '@fulcrum/shared';
import { TierTag } from '@/pages/accounts/tier-tag';
import { PREVIEW_SAMPLE_SIZE } from '@/pages/segments/use-segment-preview';

function isTier(value: string): value is CompanyTier {
  return (COMPANY_TIERS as readonly string[]).includes(value);
}

/** A few members of the segment, so the count can be sanity-checked against real names. */
export function SegmentSampleTable({
  target,
  sample,
  loading,
  emptyText,
}: {
  target: SegmentTarget;
  sample: SegmentMember[];
  loading: boolean;
  emptyText: string;
}) {
  const { t } = useTranslation();

  const columns = useMemo<TableColumnsType<SegmentMember>>(() => {
    const none = t('common.none');
    const tier: TableColumnsType<SegmentMember>[number] = {
      key: 'tier',
      title: t('segments.sample.columns.tier'),
      render: (_value, member) => {
        if (!member.tier) return none;
        return isTier(member.tier) ? <TierTag tier={member.tier} /> : member.tier;
      },
    };
    const city: TableColumnsType<SegmentMember>[number] = {
      key: 'city',
      title: t('segments.sample.columns.city'),
      responsive: ['sm'],
      render: (_value, member) => member.city ?? none,
    };
    if (target === 'companies') {
      return [
        { key: 'name', title: t('segments.sample.columns.company'), render: (_value, member) => <Typography.Text strong>{member.name}</Typography.Text> },
        city,
        tier,
      ];
    }
    return [
      {
        key: 'name',
        title: t('segments.sample.columns.name'),
        render: (_value, member) => (
          <div>
            <Typography.Text strong>{member.name}</Typography.Text>
            {member.title ? (
              <div>
                <Typography.Text type="secondary" className="cell-secondary">
                  {member.title}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        ),
      },
      { key: 'email', title: t('segments.sample.columns.email'), responsive: ['md'], render: (_value, member) => member.email ?? none },
      { key: 'company', title: t('segments.sample.columns.company'), render: (_value, member) => member.companyName ?? none },
      city,
      tier,
    ];
  }, [t, target]);

  return (
    <Card
      className="table-card segment-sample-card"
      title={t('segments.sample.title')}
      extra={<Typography.Text type="secondary">{t('segments.sample.hint', { size: PREVIEW_SAMPLE_SIZE })}</Typography.Text>}
    >
      <Table<SegmentMember>
        data-testid="segment-sample"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={sample}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText }}
      />
    </Card>
  );
}
