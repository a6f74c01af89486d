// The compound document as browsers get it: cameras' gateway URLs and the compound's gateway (addresses,
// user:password, tokens) stay on the server. A camera keeps only its stream's kind; `video.gateway` only its
// kind. Built once per loaded document (and device), so a request pays nothing for it.
import type { Compound, Device } from '../../models';

const compounds = new WeakMap<Compound, Compound>();
const devices = new WeakMap<Device, Device>();

/**
 * A device without its stream's URL. The result is typed as a Device for the views that build on it
 * (masking), but `stream.url` is absent: nothing reads it off this copy.
 */
export function publicDevice(d: Device): Device {
  if (!d.stream) return d;
  let out = devices.get(d);
  if (!out) {
    out = { ...d, stream: { kind: d.stream.kind } as Device['stream'] };
    devices.set(d, out);
  }
  return out;
}

/** The compound as every role's browser gets it (GET /compounds/:id, /twin, masked views built from it). */
export function publicCompound(doc: Compound): Compound {
  let out = compounds.get(doc);
  if (!out) {
    const hidden = doc.video?.gateway || doc.devices.some((d) => d.stream);
    out = hidden
      ? {
          ...doc,
          devices: doc.devices.map(publicDevice),
          ...(doc.video ? { video: doc.video.gateway ? { gateway: { kind: doc.video.gateway.kind } as NonNullable<Compound['video']>['gateway'] } : {} } : {}),
        }
      : doc;
    compounds.set(doc, out);
  }
  return out;
}
