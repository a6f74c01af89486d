import { useEffect, useRef } from 'react';
import { compoundZone, zoneStamp } from '../i18n/zone';

/** Wall clock in the compound's time zone, written to the DOM once a second without re-rendering. */
export function Clock() {
  const date = useRef<HTMLSpanElement>(null);
  const time = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const tick = () => {
      const [d, t] = zoneStamp(Date.now(), 'ymd-hms').split(' ');
      if (date.current && date.current.textContent !== d) date.current.textContent = d;
      if (time.current) time.current.textContent = t;
    };
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, []);
  // date over time: half the width of one line in the crowded top bar
  return (
    <span className="clock" data-testid="clock" title={compoundZone()}>
      <span className="clock-date" ref={date} />
      <span className="clock-time" ref={time} />
    </span>
  );
}
