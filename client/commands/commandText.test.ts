import { describe, expect, it } from 'vitest';
import { commandText, failureText } from './commandText';

describe('the command texts', () => {
  it("when the server names a known failure, then it reads in the console's language", () => {
    expect(failureText('zh-CN', 'offline (last seen 2026-05-01 14:02)')).toBe('离线（最后在线 2026-05-01 14:02）');
    expect(failureText('en', 'offline (last seen 2026-05-01 14:02)')).toBe('Offline (last seen 2026-05-01 14:02)');
    expect(failureText('zh-CN', 'offline (never seen)')).toBe('离线（从未上线）');
    expect(failureText('zh-CN', 'no answer before the deadline')).toBe('截止时间前未收到应答');
    expect(failureText('zh-CN', 'not delivered before the deadline (no gateway took it)')).toBe('截止时间前未送达（无网关领取）');
    expect(failureText('zh-CN', 'stopped before it was sent')).toBe('发送前已停止');
  });

  it('when a device answers with its own error, then its words are kept verbatim', () => {
    expect(failureText('zh-CN', 'amplifier fault E17')).toBe('amplifier fault E17');
    expect(failureText('en', 'constructor')).toBe('constructor');
    expect(failureText('zh-CN', 'offline (last seen )')).toBe('offline (last seen )');
  });

  it('when a building or unit is named, then it comes from the text module in either language', () => {
    expect(commandText('zh-CN', 'bc.bldg', { n: 3 })).toBe('3栋');
    expect(commandText('en', 'bc.bldg', { n: 3 })).toBe('Bldg 3');
    expect(commandText('zh-CN', 'bc.unit', { n: 2 })).toBe('2单元');
    expect(commandText('en', 'bc.unit', { n: 2 })).toBe('Unit 2');
  });
});
