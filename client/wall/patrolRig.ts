import { type Camera, Vector3 } from 'three';
import type { View } from '../scene/framing';

/** Seconds for the camera to cover ~63 % of the way to a new target (exponential, frame-rate independent). */
const SETTLE_S = 1.1;
/** One turn around the target every this many seconds. */
const ORBIT_PERIOD_S = 150;
/** A frame after the tab slept (or a very slow one) moves at most this far in time; the easing stays stable for any step. */
const MAX_DELTA_S = 1;

const _x = new Vector3();
const _y = new Vector3();

/**
 * The wall's camera: eases towards the current goal (look-at point, distance, elevation, screen
 * offset) and orbits slowly around it. Mutated in useFrame only; nothing is allocated per frame.
 */
export class PatrolRig {
  readonly lookAt = new Vector3();
  private readonly goal = new Vector3();
  private distance = 1;
  private goalDistance = 1;
  private elevation = 0.7;
  private goalElevation = 0.7;
  /** Radians from south (+z) towards east (+x), as frameBox measures azimuth. */
  private azimuth = 0.3;
  /** Focal offset per metre of distance (shifts the look-at point into the middle of the free screen). */
  private offX = 0;
  private offY = 0;
  private goalOffX = 0;
  private goalOffY = 0;
  private aimed = false;

  get azimuthDeg(): number {
    return (this.azimuth * 180) / Math.PI;
  }

  /** A new goal from frameBox; the first one is taken at once. */
  aim(v: View, elevationDeg: number): void {
    this.goal.set(v.target[0], v.target[1], v.target[2]);
    const d = Math.hypot(v.position[0] - v.target[0], v.position[1] - v.target[1], v.position[2] - v.target[2]);
    this.goalDistance = Math.max(d, 1);
    this.goalElevation = (elevationDeg * Math.PI) / 180;
    this.goalOffX = v.offset[0] / this.goalDistance;
    this.goalOffY = v.offset[1] / this.goalDistance;
    if (!this.aimed) {
      this.aimed = true;
      this.lookAt.copy(this.goal);
      this.distance = this.goalDistance;
      this.elevation = this.goalElevation;
      this.offX = this.goalOffX;
      this.offY = this.goalOffY;
    }
  }

  /** Advances by `delta` seconds and places the camera. */
  step(delta: number, camera: Camera): void {
    if (!this.aimed) return;
    const dt = Math.min(Math.max(delta, 0), MAX_DELTA_S);
    const k = 1 - Math.exp(-dt / SETTLE_S);
    this.lookAt.lerp(this.goal, k);
    this.distance += (this.goalDistance - this.distance) * k;
    this.elevation += (this.goalElevation - this.elevation) * k;
    this.offX += (this.goalOffX - this.offX) * k;
    this.offY += (this.goalOffY - this.offY) * k;
    this.azimuth = (this.azimuth + (dt * 2 * Math.PI) / ORBIT_PERIOD_S) % (2 * Math.PI);
    const c = Math.cos(this.elevation) * this.distance;
    camera.position.set(
      this.lookAt.x + Math.sin(this.azimuth) * c,
      this.lookAt.y + Math.sin(this.elevation) * this.distance,
      this.lookAt.z + Math.cos(this.azimuth) * c,
    );
    camera.lookAt(this.lookAt);
    camera.updateMatrixWorld();
    // the same shift camera-controls' focal offset makes: along the camera's own x and y axes
    _x.setFromMatrixColumn(camera.matrixWorld, 0).multiplyScalar(this.offX * this.distance);
    _y.setFromMatrixColumn(camera.matrixWorld, 1).multiplyScalar(this.offY * this.distance);
    camera.position.add(_x).add(_y);
    camera.updateMatrixWorld();
  }
}
