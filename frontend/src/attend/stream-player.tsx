import { useEffect, useRef, useState } from 'react';
import { useLocale } from '@/attend/locale';

/**
 * The stream: an HLS playlist in a `<video>` (hls.js where Media Source Extensions exist, loaded only
 * here so the other attendee pages never download it; Safari and iOS play HLS natively), or an
 * embeddable player page in a sandboxed frame.
 */
export function StreamPlayer({ url, kind, title }: { url: string; kind: 'hls' | 'embed'; title: string }) {
  const { t } = useLocale();
  if (kind === 'embed') {
    return (
      <div className="attend-player" data-testid="player" data-kind="embed">
        <iframe
          src={url}
          title={title}
          sandbox="allow-scripts allow-same-origin allow-presentation"
          allow="autoplay; fullscreen; picture-in-picture"
          allowFullScreen
          referrerPolicy="strict-origin-when-cross-origin"
          data-testid="player-embed"
        />
      </div>
    );
  }
  return <HlsVideo url={url} unsupported={t('live.player.unsupported')} />;
}

function HlsVideo({ url, unsupported }: { url: string; unsupported: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let destroyed = false;
    let destroy: (() => void) | undefined;
    setFailed(false);
    const mse = typeof window.MediaSource !== 'undefined' || typeof (window as { ManagedMediaSource?: unknown }).ManagedMediaSource !== 'undefined';
    if (mse) {
      void import('hls.js').then(
        ({ default: Hls }) => {
          if (destroyed) return;
          if (!Hls.isSupported()) {
            if (element.canPlayType('application/vnd.apple.mpegurl')) element.src = url;
            else setFailed(true);
            return;
          }
          // No worker: the page's content security policy allows no blob: scripts.
          const hls = new Hls({ enableWorker: false, lowLatencyMode: true });
          hls.on(Hls.Events.ERROR, (_event, data) => {
            if (data.fatal && data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
            else if (data.fatal && data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
            else if (data.fatal) setFailed(true);
          });
          hls.loadSource(url);
          hls.attachMedia(element);
          destroy = () => hls.destroy();
        },
        () => setFailed(true),
      );
    } else if (element.canPlayType('application/vnd.apple.mpegurl')) {
      element.src = url;
    } else {
      setFailed(true);
    }
    return () => {
      destroyed = true;
      destroy?.();
      element.removeAttribute('src');
    };
  }, [url]);

  return (
    <div className="attend-player" data-testid="player" data-kind="hls">
      <video ref={video} controls playsInline autoPlay muted preload="auto" data-testid="player-video" />
      {failed && (
        <p className="attend-player-overlay" role="alert">
          {unsupported}
        </p>
      )}
    </div>
  );
}
