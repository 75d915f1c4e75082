/** The Wolfpack paw, drawn inline so it needs no font with emoji in it. */
export function Paw({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="paw">
      <rect width="64" height="64" rx="14" className="paw-bg" />
      <g className="paw-fg">
        <ellipse cx="32" cy="42" rx="13" ry="11" />
        <ellipse cx="17" cy="27" rx="5.5" ry="7" />
        <ellipse cx="27" cy="19" rx="5.5" ry="7.5" />
        <ellipse cx="37" cy="19" rx="5.5" ry="7.5" />
        <ellipse cx="47" cy="27" rx="5.5" ry="7" />
      </g>
    </svg>
  );
}
