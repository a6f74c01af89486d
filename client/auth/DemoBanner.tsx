/** A strip that says this server runs with public demo accounts; on every page, signed in or not. */
export function DemoBanner() {
  return (
    <div className="auth-demo-banner" data-testid="demo-banner" role="note">
      演示模式 / DEMO
    </div>
  );
}
