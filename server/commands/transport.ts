import type { DeviceCommand } from '../../models';

/**
 * A way commands reach devices. CommandsService hands each due command to every transport that is up; the
 * first to deliver it marks it `sent` (sentVia), the first acknowledgement settles it. Devices run a command
 * once by its id, so delivering it twice (MQTT and a gateway's poll) is harmless.
 */
export interface CommandTransport {
  readonly name: 'mqtt' | 'simulator';
  /** Can it deliver to this compound's devices now (connected to the broker; the simulator plays the compound)? */
  ready(compoundId: string): boolean;
  /** Hands the command over; resolves true once the other side has taken it (MQTT: PUBACK), false if it could not. */
  deliver(command: DeviceCommand): Promise<boolean>;
}

/** What a transport reports back (CommandsService implements it). */
export interface CommandSink {
  /**
   * A device's answer. `deviceId` and `compoundId` are where it came from (MQTT topic, the gateway key's compound):
   * an answer for a command of another device or compound changes nothing (`unknown`).
   */
  acknowledge(
    compoundId: string,
    deviceId: string | null,
    commandId: number,
    ack: { ok: boolean; error?: string; result?: Record<string, unknown> },
    via: 'mqtt' | 'http' | 'simulator',
  ): Promise<'settled' | 'duplicate' | 'unknown'>;
}
