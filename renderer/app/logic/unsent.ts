/** "1 log has" / "3 logs have": said the same way in Settings and in the refusal to forget. */
export function unsentWords(count: number): string {
  return count === 1 ? '1 log has not reached the relay yet' : `${count} logs have not reached the relay yet`;
}

/**
 * Why this browser may not be forgotten yet, or null when it may. Logs still in the outbox are
 * lost with the membership, so forgetting needs the user's word on how many to lose; a log made
 * after they agreed (in another tab, say) is more than they agreed to and stops it.
 */
export function forgetProblem(unsent: number, agreedToDrop: number): string | null {
  if (unsent <= agreedToDrop) return null;
  return `${unsentWords(unsent)}: wait until they are sent, or choose to forget them`;
}
