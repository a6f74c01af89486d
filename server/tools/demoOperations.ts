// Upkeep and operations facts of the demo compounds: who maintains each system under which contract, and the
// parking spaces and charger ports behind the revenue figures. Figures are plausible for a 1990s compound
// retrofitted by a district (Wuhan prices): each system is contracted as a whole, so defaults go by device type.
import type { Compound, Device, DeviceMaintenance, DeviceType } from '../../models';

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

function byType(retrofitStart: string): Partial<Record<DeviceType, DeviceMaintenance>> {
  const w3 = addYears(retrofitStart, 3);
  const w2 = addYears(retrofitStart, 2);
  return {
    camera: { owner: 'vendor', maintainer: '海康威视维保', model: 'DS-2CD3T46WD', warrantyUntil: w3, unitCost: 980, annualFee: 120 },
    access_gate: { owner: 'vendor', maintainer: '立林门禁维保', model: 'LL-MJ8 人脸门禁', warrantyUntil: w2, unitCost: 4200, annualFee: 300 },
    electronic_fence: { owner: 'vendor', maintainer: '安居宝周界', model: 'AJB-ZJ6 脉冲围栏', warrantyUntil: w2, unitCost: 2600, annualFee: 200 },
    info_screen: { owner: 'operator', maintainer: '分众传媒(广告运营)', model: 'FS-43 信息屏', warrantyUntil: w3, unitCost: 3500, annualFee: 0 },
    hydrant_pressure: { owner: 'vendor', maintainer: '鄂消消防维保', model: 'XF-P100 压力计', warrantyUntil: w2, unitCost: 650, annualFee: 80 },
    smoke_detector: { owner: 'property', maintainer: '物业工程部', model: 'JTY-GD-SA1201 NB烟感', warrantyUntil: w2, unitCost: 160, annualFee: 15 },
    broadcast_speaker: { owner: 'community', maintainer: '社区网格中心', model: 'IP-G15 音柱', warrantyUntil: w2, unitCost: 900, annualFee: 50 },
    elderly_sensor: { owner: 'community', maintainer: '社区养老服务站', model: 'YL-R2 毫米波', warrantyUntil: w2, unitCost: 520, annualFee: 60 },
    ebike_charger: { owner: 'operator', maintainer: '嘟嘟充电(运营商)', model: 'DD-10 充电桩', warrantyUntil: w3, unitCost: 2800, annualFee: 0 },
    electric_meter: { owner: 'vendor', maintainer: '国网武汉供电', model: 'DDZY 智能电表', unitCost: 0, annualFee: 0 },
    water_meter: { owner: 'vendor', maintainer: '武汉水务', model: 'NB-LXS 水表', unitCost: 0, annualFee: 0 },
    public_meter: { owner: 'property', maintainer: '物业工程部', model: 'DTSD 公共电表', warrantyUntil: w2, unitCost: 600, annualFee: 40 },
    parking_gate: { owner: 'operator', maintainer: '捷顺停车(运营商)', model: 'JS-DZ 道闸', warrantyUntil: w3, unitCost: 18000, annualFee: 0 },
    health_kiosk: { owner: 'community', maintainer: '社区卫生服务中心', model: 'HK-1 健康一体机', warrantyUntil: w2, unitCost: 36000, annualFee: 1200 },
    env_sensor: { owner: 'vendor', maintainer: '海康威视维保', model: 'HK-ENV4 微站', warrantyUntil: w3, unitCost: 5200, annualFee: 300 },
  };
}

/** Device-level exceptions: every third camera is a second brand (bought in the works' second phase), every fourth charger another operator's. */
function overrides(devices: Device[]): void {
  let cams = 0,
    chargers = 0;
  for (const d of devices) {
    if (d.type === 'camera' && cams++ % 3 === 2) d.maintenance = { maintainer: '大华维保', model: 'DH-IPC-HFW2431' };
    if (d.type === 'ebike_charger' && chargers++ % 4 === 3) d.maintenance = { maintainer: '小绿人充电(运营商)', model: 'XLR-12 充电桩' };
  }
}

/** Adds `maintenance` and `operations` to a freshly built demo compound. */
export function withDemoOperations(c: Compound, retrofitStart: string): Compound {
  overrides(c.devices);
  const gates = c.devices.filter((d) => d.type === 'parking_gate').length;
  const spaces = 90 * gates;
  return {
    ...c,
    maintenance: { byType: byType(retrofitStart) },
    operations: { parking: { spaces, rented: Math.round(spaces * 0.35) }, chargerPorts: 4 },
  };
}
