import type { Member } from '../../../core/types.ts';
import { BADGE_INK, initials, memberColour, memberColourCss } from '../logic/member-colour.ts';

/**
 * A member's initials in a circle of their own colour. Decorative: the name is always written
 * next to it, so screen readers skip the circle.
 */
export function MemberBadge({
  memberId,
  members,
  size = 'normal',
}: {
  memberId: string;
  members: readonly Member[];
  size?: 'small' | 'normal';
}) {
  const member = members.find((m) => m.id === memberId);
  const colour = memberColour(memberId, members);
  return (
    <span
      className={`member-badge member-badge-${size}`}
      aria-hidden="true"
      data-testid="member-badge"
      // Drawn by CSS from the attribute, so copying a row or reading its text gives the name alone.
      data-initials={member ? initials(member.displayName) : '?'}
      style={{ background: memberColourCss(colour), color: memberColourCss(BADGE_INK) }}
    />
  );
}
