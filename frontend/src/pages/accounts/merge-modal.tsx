import { useEffect, useMemo, useState } from 'react';
import { Alert, Flex, Modal, Radio, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { isConsentWithdrawn, strongestWithdrawal } from '@fulcrum/shared';
import type { CompanyDetail, ConsentStatus, ContactDetail, MergeResult } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useAccountLabels } from '@/pages/accounts/account-labels';
import { useFormSave } from '@/components/use-form-save';

const NO_FIELDS: readonly string[] = [];

type Entity = 'company' | 'contact';
type AnyRecord = CompanyDetail | ContactDetail;

interface MergeField {
  name: string;
  /** What the field shows for a record (and whether it has a value at all). */
  display: (record: AnyRecord) => string | null;
}

function text(value: string | number | null | undefined): string | null {
  return value === null || value === undefined || value === '' ? null : String(value);
}

function useMergeFields(entity: Entity): MergeField[] {
  const labels = useAccountLabels();
  return useMemo(() => {
    if (entity === 'contact') {
      const c = (record: AnyRecord) => record as ContactDetail;
      return [
        { name: 'name', display: (r) => text(c(r).name) },
        { name: 'email', display: (r) => text(c(r).email) },
        { name: 'phone', display: (r) => text(c(r).phone) },
        { name: 'title', display: (r) => text(c(r).title) },
        { name: 'department', display: (r) => text(c(r).department) },
        { name: 'seniority', display: (r) => (c(r).seniority ? labels.seniority(c(r).seniority) : null) },
        { name: 'buyingRole', display: (r) => text(c(r).buyingRole) },
        { name: 'locale', display: (r) => text(c(r).locale) },
        { name: 'companyId', display: (r) => text(c(r).companyName) },
        { name: 'consent', display: (r) => labels.consent(c(r).consent) },
      ];
    }
    const co = (record: AnyRecord) => record as CompanyDetail;
    return [
      { name: 'name', display: (r) => text(co(r).name) },
      { name: 'domain', display: (r) => text(co(r).domain) },
      { name: 'creditCode', display: (r) => text(co(r).creditCode) },
      {
        name: 'industry',
        display: (r) => (co(r).industry ? [labels.industry(co(r).industry), co(r).subIndustry && labels.industry(co(r).subIndustry)].filter(Boolean).join(' / ') : null),
      },
      { name: 'employees', display: (r) => (co(r).employees === null ? text(co(r).employeeBand) : labels.value('employees', co(r).employees)) },
      { name: 'revenueBand', display: (r) => (co(r).revenueBand ? labels.value('revenueBand', co(r).revenueBand) : null) },
      { name: 'location', display: (r) => text([co(r).city, co(r).province, co(r).country].filter(Boolean).join(' · ')) },
      { name: 'ownership', display: (r) => (co(r).ownership ? labels.value('ownership', co(r).ownership) : null) },
      { name: 'foundedYear', display: (r) => text(co(r).foundedYear) },
      { name: 'tier', display: (r) => (co(r).tier ? labels.value('tier', co(r).tier) : null) },
      { name: 'salesOwnerId', display: (r) => text(co(r).salesOwnerName) },
    ];
  }, [entity, labels]);
}

interface Row {
  field: MergeField;
  values: Array<string | null>;
}

/**
 * Merges one duplicate into another, field by field: for each field where the two differ the user
 * picks whose value stays (by default the kept record's, or the other's when the kept one is blank).
 * A withdrawn consent cannot be traded for a weaker one, so that choice is not offered.
 */
export function MergeModal({
  entity,
  current,
  candidate,
  onClose,
  onMerged,
}: {
  entity: Entity;
  current: AnyRecord;
  candidate: AnyRecord | null;
  onClose: () => void;
  onMerged: (result: MergeResult) => void;
}) {
  const { t } = useTranslation();
  const labels = useAccountLabels();
  const fields = useMergeFields(entity);
  const [survivorId, setSurvivorId] = useState(current.id);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const { saving, failure, setFailure, run } = useFormSave(null, NO_FIELDS);

  const records = useMemo(() => {
    if (!candidate) return [];
    return survivorId === current.id ? [current, candidate] : [candidate, current];
  }, [current, candidate, survivorId]);

  useEffect(() => {
    setSurvivorId(current.id);
    setFailure(null);
  }, [current.id, candidate?.id]);

  const withdrawal = useMemo(
    () => (entity === 'contact' ? strongestWithdrawal(records.map((record) => (record as ContactDetail).consent)) : null),
    [entity, records],
  );
  const consentAllowed = (record: AnyRecord) => {
    if (!withdrawal) return true;
    const consent = (record as ContactDetail).consent as ConsentStatus;
    return strongestWithdrawal([consent, withdrawal]) === consent && isConsentWithdrawn(consent);
  };

  const rows: Row[] = useMemo(
    () => fields.map((field) => ({ field, values: records.map((record) => field.display(record)) })).filter((row) => row.values[0] !== row.values[1]),
    [fields, records],
  );

  // Defaults follow the server: the kept record's value, else the other's; a withdrawal always wins.
  useEffect(() => {
    const next: Record<string, string> = {};
    for (const row of rows) {
      const [kept, other] = records;
      if (row.field.name === 'consent') next.consent = consentAllowed(kept) ? kept.id : other.id;
      else next[row.field.name] = row.values[0] === null ? other.id : kept.id;
    }
    setChoices(next);
    // consentAllowed reads `withdrawal`, which `records` determines.
  }, [rows, records]);

  const submit = () =>
    run(async () => {
      if (!candidate) return;
      const mergedId = survivorId === current.id ? candidate.id : current.id;
      const body = { survivorId, mergedIds: [mergedId], fieldChoices: choices };
      onMerged(entity === 'contact' ? await api.mergeContacts(body) : await api.mergeCompanies(body));
    });

  const columns: TableColumnsType<Row> = [
    { key: 'field', title: t('accountsBrowse.merge.field'), width: 140, render: (_v, row) => <Typography.Text strong>{labels.field(row.field.name)}</Typography.Text> },
    ...records.map((record, index) => ({
      key: record.id,
      title: index === 0 ? t('accountsBrowse.merge.kept', { name: record.name }) : t('accountsBrowse.merge.merged', { name: record.name }),
      render: (_v: unknown, row: Row) => {
        const disabled = row.field.name === 'consent' && !consentAllowed(record);
        return (
          <Radio
            checked={choices[row.field.name] === record.id}
            disabled={disabled}
            onChange={() => setChoices((previous) => ({ ...previous, [row.field.name]: record.id }))}
            data-testid={`merge-choice-${row.field.name}-${index === 0 ? 'kept' : 'merged'}`}
          >
            {row.values[index] ?? <Typography.Text type="secondary">{t('accountsBrowse.merge.blank')}</Typography.Text>}
          </Radio>
        );
      },
    })),
  ];

  const other = records[1];
  return (
    <Modal
      open={candidate !== null}
      title={t('accountsBrowse.merge.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('accountsBrowse.merge.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={760}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'merge-confirm' }}
    >
      {candidate ? (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary">{t(`accountsBrowse.merge.intro.${entity}`)}</Typography.Paragraph>
          <Radio.Group value={survivorId} onChange={(event) => setSurvivorId(event.target.value as string)} data-testid="merge-survivor">
            <Radio value={current.id}>{t('accountsBrowse.merge.keepThis', { name: current.name })}</Radio>
            <Radio value={candidate.id}>{t('accountsBrowse.merge.keepOther', { name: candidate.name })}</Radio>
          </Radio.Group>
          {rows.length ? (
            <Table<Row> size="small" rowKey={(row) => row.field.name} columns={columns} dataSource={rows} pagination={false} data-testid="merge-fields" />
          ) : (
            <Alert type="info" showIcon title={t('accountsBrowse.merge.identical')} />
          )}
          {withdrawal ? <Alert type="warning" showIcon title={t('accountsBrowse.merge.consentKept', { consent: labels.consent(withdrawal) })} /> : null}
          {entity === 'company' && other ? (
            <Typography.Text>{t('accountsBrowse.merge.movesContacts', { count: (other as CompanyDetail).contactCount, name: records[0].name })}</Typography.Text>
          ) : null}
          <Typography.Text type="secondary">{t('accountsBrowse.merge.undoHint')}</Typography.Text>
          {failure ? <Alert type="error" showIcon title={failure} /> : null}
        </Flex>
      ) : null}
    </Modal>
  );
}
