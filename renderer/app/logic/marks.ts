/** Read by `npm run bench` (history_render_ms_5000): the first screenful of History rows is painted. */
export const FIRST_SCREEN_MARK = 'wolfpack:history-first-screen';
