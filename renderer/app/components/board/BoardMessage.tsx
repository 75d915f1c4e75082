/** The whole screen for a board that cannot show standings: no token, revoked, connecting. */
export function BoardMessage({ text }: { text: string }) {
  return (
    <main className="board board-message">
      <p role="status" data-testid="board-message">
        {text}
      </p>
    </main>
  );
}
