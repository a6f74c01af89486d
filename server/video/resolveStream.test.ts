import { describe, expect, it } from 'vitest';
import { gatewayUrl, resolveStream, streamInfo } from './resolveStream';
import { isMediaType, rewritePlaylist, safeSegment, splitCredentials } from './gateway';
import { HlsFiles, hlsToken, MAX_HLS_FILES } from './hlsFiles';
import { isJpeg, JpegSplitter } from './jpegFrames';
import { ffmpegArgs } from './demoSource';

const gw = { kind: 'hls' as const, base: 'http://mediamtx:8888/', pathTemplate: '/{id}/index.m3u8' };

describe('resolving a camera stream', () => {
  it("when the camera has its own stream, then it wins over the compound's gateway and the demo source", () => {
    const r = resolveStream(
      { id: 'c1', stream: { kind: 'whep', url: 'http://go2rtc:1984/api/webrtc?src=c1' } },
      { gateway: gw, demo: true, ffmpeg: true, status: 'online' },
    );
    expect(r).toEqual({ source: 'device', kind: 'whep', upstream: 'http://go2rtc:1984/api/webrtc?src=c1', unavailable: null });
    expect(streamInfo('c1', r)).toEqual({
      deviceId: 'c1',
      source: 'device',
      kind: 'whep',
      url: '/api/v1/devices/c1/stream/whep',
      stillUrl: null,
      unavailable: null,
    });
  });

  it('when only the compound has a gateway, then the path template gets the URL-encoded id, and the playlist URL is ours', () => {
    expect(gatewayUrl(gw, 'a b/c')).toBe('http://mediamtx:8888/a%20b%2Fc/index.m3u8');
    const r = resolveStream({ id: 'cam:1' }, { gateway: gw, demo: false, ffmpeg: false, status: 'alarm' });
    expect(r).toMatchObject({ source: 'gateway', kind: 'hls', upstream: 'http://mediamtx:8888/cam%3A1/index.m3u8' });
    expect(streamInfo('cam:1', r).url).toBe('/api/v1/devices/cam%3A1/stream/hls/index.m3u8');
  });

  it('when nothing is configured, then demo mode uses the local source if ffmpeg is there, and says why not otherwise', () => {
    expect(resolveStream({ id: 'c' }, { demo: true, ffmpeg: true, status: 'online' })).toMatchObject({ source: 'demo', kind: 'mjpeg', unavailable: null });
    expect(streamInfo('c', resolveStream({ id: 'c' }, { demo: true, ffmpeg: true, status: 'online' }))).toMatchObject({
      url: '/api/v1/devices/c/stream/mjpeg',
      stillUrl: '/api/v1/devices/c/still',
    });
    expect(resolveStream({ id: 'c' }, { demo: true, ffmpeg: false, status: 'online' }).unavailable).toBe('no_ffmpeg');
    expect(resolveStream({ id: 'c' }, { demo: false, ffmpeg: true, status: 'online' }).unavailable).toBe('no_stream');
  });

  it('when the twin shows the camera offline, then it is camera_offline whatever its source, and the info has no URL', () => {
    for (const ctx of [{ gateway: gw }, {}]) {
      const r = resolveStream({ id: 'c' }, { ...ctx, demo: true, ffmpeg: true, status: 'offline' });
      expect(r.unavailable).toBe('camera_offline');
      expect(streamInfo('c', r)).toMatchObject({ url: null, stillUrl: null, unavailable: 'camera_offline' });
    }
  });
});

describe('HLS through our server', () => {
  const playlist = 'http://gw:8888/cams/c1/index.m3u8';

  it("when a playlist names the gateway's files, then each becomes a token of ours (playlists marked), other hosts stay", () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-MAP:URI="http://gw:8888/cams/c1/init.mp4"',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",URI="audio.m3u8"',
      'seg0.mp4',
      'http://gw:8888/cams/c1/seg1.mp4?x=1',
      '#EXT-X-STREAM-INF:BANDWIDTH=1',
      'variant?id=7',
      '../c2/seg.mp4',
      'http://elsewhere/seg.mp4',
      '',
    ].join('\r\n');
    const named: [string, boolean][] = [];
    const out = rewritePlaylist(text, playlist, 'http://gw:8888', (abs, pl) => {
      named.push([abs.href, pl]);
      return `/ours/${named.length}`;
    });
    expect(out.split('\r\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-MAP:URI="/ours/1"',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",URI="/ours/2"',
      '/ours/3',
      '/ours/4',
      '#EXT-X-STREAM-INF:BANDWIDTH=1',
      '/ours/5',
      '/ours/6',
      'http://elsewhere/seg.mp4',
      '',
    ]);
    expect(named).toEqual([
      ['http://gw:8888/cams/c1/init.mp4', false],
      ['http://gw:8888/cams/c1/audio.m3u8', true],
      ['http://gw:8888/cams/c1/seg0.mp4', false],
      ['http://gw:8888/cams/c1/seg1.mp4?x=1', false],
      ['http://gw:8888/cams/c1/variant?id=7', true],
      ['http://gw:8888/cams/c2/seg.mp4', false],
    ]);
  });

  it('when files are learned, then only they map back, per camera and playlist, bounded, and a token hides the query', () => {
    const files = new HlsFiles();
    const t = files.add('c1', playlist, { href: 'http://gw:8888/cams/c1/seg.ts?token=SECRET', playlist: false });
    expect(t).toBe(hlsToken('c1', 'http://gw:8888/cams/c1/seg.ts?token=SECRET'));
    expect(t).toMatch(/^[\w-]{16}-seg\.ts$/);
    expect(files.get('c1', playlist, t)?.href).toBe('http://gw:8888/cams/c1/seg.ts?token=SECRET');
    expect(files.get('c2', playlist, t)).toBeUndefined();
    expect(files.get('c1', 'http://gw:8888/other.m3u8', t)).toBeUndefined();
    for (let i = 0; i < MAX_HLS_FILES + 10; i++) files.add('c1', playlist, { href: `http://gw:8888/cams/c1/s${i}.ts`, playlist: false });
    expect(files.size('c1', playlist)).toBe(MAX_HLS_FILES);
    expect(files.get('c1', playlist, t)).toBeUndefined();
  });

  it('when a path part is not a plain file name, or a gateway answers a non-media type, then it is refused', () => {
    for (const s of ['..', '.', '', 'a/b', 'a\\b', 'x'.repeat(201)]) expect(safeSegment(s), s).toBe(false);
    expect(safeSegment('seg0.mp4')).toBe(true);
    for (const t of ['video/mp2t', 'video/MP4', 'video/iso.segment', 'audio/aac', 'application/vnd.apple.mpegurl; charset=utf-8', 'image/jpeg'])
      expect(isMediaType(t), t).toBe(true);
    for (const t of ['text/html', 'application/javascript', 'text/plain', 'application/octet-stream', 'image/svg+xml', '', null])
      expect(isMediaType(t), String(t)).toBe(false);
  });

  it('when a gateway URL carries user:password, then it goes as Basic authorization, not in the URL', () => {
    expect(splitCredentials('http://u%40x:p%3Aw@gw:1/a?b=1')).toEqual({
      url: 'http://gw:1/a?b=1',
      authorization: 'Basic ' + Buffer.from('u@x:p:w').toString('base64'),
    });
    expect(splitCredentials('http://gw/a')).toEqual({ url: 'http://gw/a' });
  });
});

describe('JPEG frames out of a byte stream', () => {
  const jpeg = (n: number) => Buffer.from([0xff, 0xd8, 0xff, 0xe0, n, 0xff, 0x00, n, 0xff, 0xd9]);

  it('when frames come split across chunks, among multipart headers and junk, then each whole frame comes out once', () => {
    const frames: Buffer[] = [];
    const s = new JpegSplitter((f) => frames.push(f));
    const stream = Buffer.concat([Buffer.from('--b\r\nContent-Type: image/jpeg\r\n\r\n'), jpeg(1), Buffer.from('\r\n--b\r\n\r\n'), jpeg(2), jpeg(3)]);
    for (let i = 0; i < stream.length; i += 3) s.push(stream.subarray(i, i + 3));
    expect(frames).toEqual([jpeg(1), jpeg(2), jpeg(3)]);
    expect(frames.every(isJpeg)).toBe(true);
  });

  it("when the demo's ffmpeg arguments are built, then the camera's text comes from a file (no shell, nothing to escape)", () => {
    const args = ffmpegArgs(8, '/tmp/twin-video-x/1.txt', { latin: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' });
    const vf = args[args.indexOf('-vf') + 1];
    expect(vf).toContain("textfile='/tmp/twin-video-x/1.txt':expansion=none");
    expect(vf).toContain("text='%{localtime}'");
    expect(args).toContain('testsrc2=size=640x360:rate=8');
    // a path the filter cannot hold safely is left out rather than escaped
    expect(ffmpegArgs(8, "/tmp/it's:here.txt", {}).join(' ')).not.toContain('textfile');
  });
});
