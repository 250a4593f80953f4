/**
 * Sentiment of emoji and ASCII emoticons, shared by all languages. Written for Resonanz from the
 * common reading of each symbol; weights run from -3 to +3.
 */

const EMOJI: Record<string, string> = {
  '3': '😍 🥰 😻 🤩 🥳 ❤ 💕 💖 💗 💓 💞 💘 💝 😘 🎉 🎊 🏆',
  '2': '😀 😁 😃 😄 😆 😊 ☺ 🙂 😋 😎 😇 🤗 👍 👏 🙌 💪 ✨ 💯 💙 💚 💛 💜 🧡 ♥ 😗 😙 😚 🌞 ☀ 🌸 🌹 🌷 💐 🍀 ⭐ 🌟 🎂 🎁 💋 👌 ✌ 🙏 😂 🤣 😹',
  '1': '😉 😜 😝 😛 😏 😅 🔥 🍻 🍺 🥂 🍾 🤞 🤘 🖤 🤍 😌 🙃 👋 🎶 🎵 ☕',
  '-1': '😐 😑 😶 🤔 🙄 😕 😟 😳 🤨 😴 😪 🤷 🤦 😮 😯 🥺 😓 😷 ⚠',
  '-2': '😒 😞 😔 🙁 ☹ 😣 😖 😩 😫 😢 😥 😰 😨 😧 😦 😤 👎 💩 🤢 🤮 😬 🥵 🥶',
  '-3': '😠 😡 🤬 😭 😱 💔 🖕',
};

const EMOJI_WEIGHTS = new Map<string, number>();
for (const [weight, list] of Object.entries(EMOJI)) {
  for (const e of list.split(/\s+/)) if (e) EMOJI_WEIGHTS.set(e.replace(/\uFE0F/g, ''), Number(weight));
}

/** Weight of an emoji (variation selectors removed), 0 when unknown. */
export function emojiWeight(emoji: string): number {
  const exact = EMOJI_WEIGHTS.get(emoji);
  if (exact !== undefined) return exact;
  // ZWJ sequences (👩‍❤️‍👨) carry the feeling of their parts.
  const parts = emoji.split('\u200D');
  if (parts.length > 1) return Math.max(-3, Math.min(3, parts.reduce((s, p) => s + (EMOJI_WEIGHTS.get(p) ?? 0), 0)));
  return 0;
}

const FIXED_EMOTICONS: Record<string, number> = {
  '<3': 2.5,
  '</3': -2.5,
  '\\o/': 2.5,
  'T_T': -2,
  'T.T': -2,
  '-.-': -1.5,
  '-_-': -1.5,
  '^^': 2,
  '^_^': 2,
  '^.^': 2,
  '^-^': 2,
};

/**
 * Weight of an ASCII emoticon as produced by the tokenizer. The mouth decides: `)`, `D`, `P`,
 * `]` smile, `(`, `/`, `[`, `|` do not; a wink is friendlier than a plain smile; repeated mouths
 * (`:)))`) and crying eyes (`:'(`) weigh more.
 */
export function emoticonWeight(emoticon: string): number {
  const fixed = FIXED_EMOTICONS[emoticon];
  if (fixed !== undefined) return fixed;
  if (/^<3+$/.test(emoticon)) return 3;
  if (/^x+d+$/i.test(emoticon)) return 2.5;
  if (emoticon.startsWith('>:')) return -3;
  if (emoticon.startsWith(":'")) return emoticon.endsWith(')') ? 2 : -2.5;
  // Reversed emoticons `(:` and `):`.
  if (/^\(-?[:;=]$/.test(emoticon)) return 2;
  const mouth = emoticon.replace(/^[:;=8]-?/, '');
  if (!mouth) return 0;
  const repeat = mouth.length > 1 ? 0.5 : 0;
  const m = mouth[0] ?? '';
  if ('D'.includes(m)) return 2.5 + repeat;
  if (')]}>3*'.includes(m)) return 2 + repeat;
  if ('pP'.includes(m)) return 1.5;
  if ('(['.includes(m)) return -2.5 - repeat;
  if ('/\\'.includes(m)) return -1.5;
  if ('|'.includes(m)) return -0.5;
  if ('{<'.includes(m)) return -2;
  return 0;
}
