import { useEffect, useLayoutEffect, useRef } from 'react';
import { MjpegParser } from './mjpegParser';
import { refusalWhy, type VideoWhy } from './streamApi';

/** What a player tells its tile: the picture moves (once per start), or the stream failed (and why, when the server said). */
export interface PlayerEvents {
  onPlaying: () => void;
  onFailed: (why?: VideoWhy) => void;
}

/** The latest callbacks without re-running the player's effect when the parent re-renders. */
function useEvents(e: PlayerEvents) {
  const ref = useRef(e);
  useLayoutEffect(() => {
    ref.current = e;
  });
  return ref;
}

/** An MJPEG stream with no frame for this long (the first one included) is taken as broken: the tile retries. */
export const MJPEG_STALL_MS = 8_000;

/**
 * MJPEG (multipart/x-mixed-replace) read with fetch and split into JPEGs by script, each shown in the <img> as an
 * object URL: unlike an <img src> of the stream, the end of the stream (the source stopped, the server restarted),
 * a network error or a stall is noticed and reported as a failure, so the tile retries instead of freezing on
 * its last frame. Per frame: a Blob and its URL, DOM only, no React state. Pausing or closing aborts the request
 * (the server's connection closes).
 */
export function MjpegPlayer({ url, ...events }: { url: string } & PlayerEvents) {
  const el = useRef<HTMLImageElement>(null);
  const ev = useEvents(events);
  useEffect(() => {
    const img = el.current;
    if (!img) return;
    const ctrl = new AbortController();
    let closed = false;
    let told = false;
    /** The URL of the picture on screen, and of the one loading (replaced before it loaded: revoked). */
    let shown: string | null = null;
    let pending: string | null = null;
    let lastFrame = performance.now();
    const fail = (why?: VideoWhy) => {
      if (closed) return;
      closed = true;
      ctrl.abort();
      ev.current.onFailed(why);
    };
    img.onload = () => {
      if (!pending) return;
      if (shown) URL.revokeObjectURL(shown);
      shown = pending;
      pending = null;
      if (told || closed) return;
      told = true;
      ev.current.onPlaying();
    };
    // a frame the browser cannot decode is skipped; the next one replaces it
    img.onerror = () => {
      if (pending) URL.revokeObjectURL(pending);
      pending = null;
    };
    const parser = new MjpegParser((jpeg) => {
      if (closed) return;
      lastFrame = performance.now();
      if (pending) URL.revokeObjectURL(pending);
      pending = URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' }));
      img.src = pending;
    });
    const stall = setInterval(() => performance.now() - lastFrame > MJPEG_STALL_MS && fail(), 1000);
    (async () => {
      const res = await fetch(url, {
        credentials: 'same-origin',
        headers: { accept: 'multipart/x-mixed-replace, image/jpeg;q=0.9, application/json;q=0.5' },
        signal: ctrl.signal,
      });
      if (!res.ok || !res.body) {
        const body: unknown = await res.json().catch(() => null);
        return fail(refusalWhy(res, body));
      }
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || closed) break;
        parser.push(value);
      }
      // the stream ended: the source stopped or the server went away
      fail();
    })().catch(() => fail());
    return () => {
      closed = true;
      clearInterval(stall);
      ctrl.abort();
      img.onload = null;
      img.onerror = null;
      img.removeAttribute('src');
      if (shown) URL.revokeObjectURL(shown);
      if (pending) URL.revokeObjectURL(pending);
    };
  }, [url, ev]);
  return <img ref={el} className="cam-media" data-testid="camera-video" data-kind="mjpeg" alt="" draggable={false} />;
}

/** HLS in a <video>: natively where the browser plays it (Safari), else through hls.js, loaded only now. */
export function HlsPlayer({ url, ...events }: { url: string } & PlayerEvents) {
  const el = useRef<HTMLVideoElement>(null);
  const ev = useEvents(events);
  useEffect(() => {
    const video = el.current;
    if (!video) return;
    let closed = false;
    let destroy: (() => void) | null = null;
    video.onplaying = () => ev.current.onPlaying();
    video.onerror = () => !closed && ev.current.onFailed();
    const start = () => void video.play().catch(() => undefined);
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      start();
    } else {
      import('hls.js').then(
        ({ default: Hls }) => {
          if (closed) return;
          if (!Hls.isSupported()) return ev.current.onFailed();
          const hls = new Hls({ lowLatencyMode: true, liveSyncDurationCount: 2, manifestLoadingMaxRetry: 1 });
          destroy = () => hls.destroy();
          hls.on(Hls.Events.ERROR, (_e, data) => {
            if (data.fatal && !closed) ev.current.onFailed();
          });
          hls.on(Hls.Events.MANIFEST_PARSED, start);
          hls.loadSource(url);
          hls.attachMedia(video);
        },
        () => !closed && ev.current.onFailed(),
      );
    }
    return () => {
      closed = true;
      video.onplaying = null;
      video.onerror = null;
      destroy?.();
      video.removeAttribute('src');
      video.load();
    };
  }, [url, ev]);
  return <video ref={el} className="cam-media" data-testid="camera-video" data-kind="hls" muted autoPlay playsInline disablePictureInPicture />;
}

/** Waits for ICE gathering to finish (WHEP without trickle sends every candidate in the offer), at most `ms`. */
function iceGathered(pc: RTCPeerConnection, ms: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => pc.iceGatheringState === 'complete' && done();
    const timer = setTimeout(done, ms);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/** WebRTC through WHEP: POST our SDP offer to the server's endpoint, play the answer's tracks. */
export function WhepPlayer({ url, ...events }: { url: string } & PlayerEvents) {
  const el = useRef<HTMLVideoElement>(null);
  const ev = useEvents(events);
  useEffect(() => {
    const video = el.current;
    if (!video) return;
    const ctrl = new AbortController();
    let closed = false;
    let session: string | null = null;
    const pc = new RTCPeerConnection();
    const fail = () => !closed && ev.current.onFailed();
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (e) => {
      const stream = e.streams[0] ?? new MediaStream([e.track]);
      if (video.srcObject !== stream) video.srcObject = stream;
      void video.play().catch(() => undefined);
    };
    pc.onconnectionstatechange = () => pc.connectionState === 'failed' && fail();
    video.onplaying = () => ev.current.onPlaying();
    (async () => {
      await pc.setLocalDescription(await pc.createOffer());
      await iceGathered(pc, 2000);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/sdp', accept: 'application/sdp' },
        body: pc.localDescription?.sdp ?? '',
        signal: ctrl.signal,
      });
      if (!res.ok) throw new Error(`WHEP ${res.status}`);
      const loc = res.headers.get('location');
      // only our own camera routes are told the session ended; a gateway's address never reaches the browser
      if (loc) {
        const abs = new URL(loc, new URL(url, window.location.href));
        if (abs.origin === window.location.origin && abs.pathname.startsWith('/api/v1/devices/')) session = abs.href;
      }
      await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
    })().catch(fail);
    return () => {
      closed = true;
      ctrl.abort();
      pc.close();
      video.onplaying = null;
      video.srcObject = null;
      if (session) fetch(session, { method: 'DELETE', keepalive: true }).catch(() => undefined);
    };
  }, [url, ev]);
  return <video ref={el} className="cam-media" data-testid="camera-video" data-kind="whep" muted autoPlay playsInline disablePictureInPicture />;
}
