/** The Fulcrum mark: a lever on its fulcrum, lifting a weight. */
export function FulcrumMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1f3a8a" />
      <path d="M5 20.5 27 11.5" stroke="#fff" strokeWidth="2.8" strokeLinecap="round" />
      <path d="M16 16.5 10.5 26h11z" fill="#fff" />
      <circle cx="23.5" cy="8.6" r="2.7" fill="#fbbf24" />
    </svg>
  );
}
