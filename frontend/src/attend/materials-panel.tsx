import type { RegistrantMaterial } from '@fulcrum/shared';
import { useLocale } from '@/attend/locale';
import { fileSize } from '@/attend/survey';

/**
 * The event's materials as plain download links: the server records each download and sends the file
 * as an attachment, so nothing runs here and the browser (or WeChat) saves it as usual.
 */
export function MaterialsPanel({ materials }: { materials: readonly RegistrantMaterial[] }) {
  const { t, locale } = useLocale();
  if (materials.length === 0) return null;
  return (
    <section className="attend-card attend-materials" data-testid="materials">
      <h2>{t('materials.title')}</h2>
      <p className="attend-muted">{t('materials.intro')}</p>
      <ul className="attend-material-list">
        {materials.map((material) => (
          <li key={material.id} className="attend-material" data-testid="material" data-id={material.id}>
            <div className="attend-material-main">
              <p className="attend-material-title">{material.title}</p>
              <p className="attend-muted attend-material-meta">
                {material.fileName === material.title ? fileSize(material.sizeBytes, locale) : `${material.fileName} · ${fileSize(material.sizeBytes, locale)}`}
              </p>
            </div>
            <a
              className="attend-button attend-button--secondary attend-material-download"
              href={material.downloadUrl}
              download={material.fileName}
              aria-label={t('materials.downloadNamed', { title: material.title })}
              data-testid="material-download"
            >
              {t('materials.download')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
