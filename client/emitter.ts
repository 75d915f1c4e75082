/** A tiny typed event emitter: listeners return an unsubscribe function, as the UI layers expect. */
export type Listener<T> = (payload: T) => void;

export interface Subscribable<Events> {
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void;
}

export interface Emitter<Events> extends Subscribable<Events> {
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
}

export function createEmitter<Events>(onListenerError?: (error: unknown) => void): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<Listener<never>>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      set.add(listener as Listener<never>);
      return () => {
        set.delete(listener as Listener<never>);
      };
    },
    emit(name, payload) {
      const set = listeners.get(name);
      if (!set) return;
      for (const listener of [...set]) {
        // One faulty subscriber (a UI callback) must not stop the session from delivering to the rest.
        try {
          (listener as Listener<typeof payload>)(payload);
        } catch (error) {
          onListenerError?.(error);
        }
      }
    },
  };
}
