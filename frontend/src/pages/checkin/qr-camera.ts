import { useCallback, useEffect, useRef, useState } from 'react';
import jsQR from 'jsqr';

export type CameraState = 'off' | 'starting' | 'on' | 'denied' | 'unavailable';

/** Frames are decoded at most this wide: enough for a QR code held at arm's length, cheap on a phone. */
const DECODE_WIDTH = 640;
const DECODE_EVERY_MS = 150;
/** The same code in front of the camera is reported once per this time, not on every frame. */
const REPEAT_AFTER_MS = 3_000;

/**
 * The device camera decoding QR codes: getUserMedia and a canvas loop through jsQR (BarcodeDetector is
 * missing on desktop Linux Chromium and in many WebViews). `onCode` gets each code once while it stays
 * in view. The camera stops when `active` goes false or the component unmounts.
 */
export function useQrCamera(active: boolean, facingMode: 'environment' | 'user', onCode: (text: string) => void) {
  const video = useRef<HTMLVideoElement | null>(null);
  const [state, setState] = useState<CameraState>('off');
  const report = useRef(onCode);
  report.current = onCode;

  useEffect(() => {
    if (!active) {
      setState('off');
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      setState('unavailable');
      return;
    }
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let last = { text: '', at: 0 };

    const decode = () => {
      const element = video.current;
      if (stopped) return;
      if (element && context && element.readyState >= element.HAVE_CURRENT_DATA && element.videoWidth > 0) {
        const scale = Math.min(1, DECODE_WIDTH / element.videoWidth);
        canvas.width = Math.round(element.videoWidth * scale);
        canvas.height = Math.round(element.videoHeight * scale);
        context.drawImage(element, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
        const now = Date.now();
        if (code?.data && (code.data !== last.text || now - last.at > REPEAT_AFTER_MS)) {
          report.current(code.data);
        }
        if (code?.data) last = { text: code.data, at: now };
      }
      timer = setTimeout(decode, DECODE_EVERY_MS);
    };

    setState('starting');
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: { ideal: facingMode }, width: { ideal: 1280 } }, audio: false })
      .then(async (media) => {
        stream = media;
        // Turned off while the camera was starting: the cleanup found no stream to stop, so stop it here.
        if (stopped) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        const element = video.current;
        if (!element) return;
        element.srcObject = media;
        element.muted = true;
        element.playsInline = true;
        await element.play().catch(() => undefined);
        setState('on');
        decode();
      })
      .catch((error: unknown) => {
        if (stopped) return;
        const name = error instanceof DOMException ? error.name : '';
        setState(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
      });

    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
      if (video.current) video.current.srcObject = null;
    };
  }, [active, facingMode]);

  const attach = useCallback((element: HTMLVideoElement | null) => {
    video.current = element;
  }, []);

  return { state, attach };
}
