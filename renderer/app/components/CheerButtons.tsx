import { useApp } from '../context.ts';
import type { PackApi } from '../services.ts';
import { ErrorText } from './ErrorText.tsx';
import { useAction } from './use-action.ts';

type Target = { eventId: string } | { challengeId: string; memberId: string };

/** Cheer or taunt a partner's feed entry or standing; absent where the API offers no cheers. */
export function CheerButtons({ target, name }: { target: Target; name: string }) {
  const { services } = useApp();
  const pack = services.pack;
  if (!pack) return null;
  return <CheerPair pack={pack} target={target} name={name} />;
}

function CheerPair({ pack, target, name }: { pack: PackApi; target: Target; name: string }) {
  const send = useAction((reaction: 'cheer' | 'taunt') => pack.sendCheer({ reaction, ...target }));
  return (
    <span className="cheers">
      <button
        type="button"
        className="chip"
        disabled={send.busy}
        onClick={() => void send.run('cheer')}
        aria-label={`Cheer ${name}`}
      >
        Cheer
      </button>
      <button
        type="button"
        className="chip"
        disabled={send.busy}
        onClick={() => void send.run('taunt')}
        aria-label={`Taunt ${name}`}
      >
        Taunt
      </button>
      <ErrorText error={send.error} />
    </span>
  );
}
