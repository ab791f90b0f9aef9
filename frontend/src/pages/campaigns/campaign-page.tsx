import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Campaign } from '@fulcrum/shared';
import { api, isApiRequestError } from '@/api/client';
import { ContentSpin } from '@/components/full-page-spin';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { RecordNotFound } from '@/components/record-not-found';
import { useHeldRecord } from '@/components/use-held-record';
import { CAMPAIGNS_PATH, CampaignEditor } from '@/pages/campaigns/campaign-editor';
import { isEditable } from '@/pages/campaigns/campaign-form';
import { CampaignReport } from '@/pages/campaigns/campaign-report';
import { canEditCampaigns } from '@/session/access';
import { useUser } from '@/session/session-context';
import '@/pages/campaigns/campaigns.css';

/**
 * /campaigns/new and /campaigns/:id. A draft or scheduled campaign opens in the editor; once it sends
 * (and always for sales, who read campaigns) the page shows its delivery. Sending from the editor
 * switches the view in place.
 */
export function CampaignPage() {
  const { id } = useParams<{ id: string }>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { t } = useTranslation();
  const user = useUser();
  const canEdit = canEditCampaigns(user.role);
  const [saved, setSaved] = useState<Campaign | null>(null);
  const show = useCallback((campaign: Campaign | null) => setSaved(campaign), []);
  const { hold, loading, loadError, retry } = useHeldRecord(id, api.getCampaign, show);

  // Sales read campaigns; there is nothing for them to create.
  if (!canEdit && !id) return <Navigate to={CAMPAIGNS_PATH} replace />;

  const notFound = isApiRequestError(loadError) && (loadError.code === 'campaigns.not_found' || loadError.statusCode === 404 || loadError.statusCode === 400);
  if (notFound) {
    return (
      <RecordNotFound
        title={t('campaigns.editor.notFoundTitle')}
        body={t('campaigns.editor.notFoundBody')}
        backLabel={t('campaigns.editor.back')}
        onBack={() => navigate(CAMPAIGNS_PATH)}
      />
    );
  }
  if (loadError) {
    return (
      <>
        <PageHeader title={t('campaigns.title')} />
        <LoadErrorAlert error={loadError} onRetry={retry} />
      </>
    );
  }
  if (loading) return <ContentSpin />;
  if (saved && (!canEdit || !isEditable(saved.status))) return <CampaignReport campaign={saved} hold={hold} canEdit={canEdit} />;
  return <CampaignEditor saved={saved} hold={hold} presetEventId={params.get('eventId')} />;
}
