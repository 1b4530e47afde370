// unlzma.js: the LZMA decoder of the packed WebAssembly. scripts/pack_wasm.py pastes
// this file into aksnet.js (comment-only lines dropped), and tests/python/
// lzma_roundtrip.py checks it against Python's lzma module.
//
// unlzma(bytes) -> Uint8Array takes what pack_wasm.pack() writes: the properties byte
// lc + 9 * (lp + 5 * pb), the decoded length (4 bytes, little-endian), then a raw LZMA1
// stream as liblzma writes it, ending with the end marker. The output array is also
// the dictionary, so the dictionary size is not needed. LZMA has no checksum; instead
// the end marker must come exactly at the length, and the range decoder must end at 0
// with every input byte read. Input that breaks any of this throws an Error (so do all
// 300 bit flips of the test, 200 of them in the wasm's stream), and every step writes
// bytes within the length or throws, so the work is bounded by the length.
function unlzma(input) {
  const fail = (why) => { throw new Error(`unlzma: ${why}`); };
  if (input.length < 10 || input[0] >= 225) fail("not a packed stream");
  const lc = input[0] % 9, lp = (input[0] / 9 | 0) % 5, pb = input[0] / 45 | 0;
  const size = (input[1] | input[2] << 8 | input[3] << 16 | input[4] << 24) >>> 0;
  const out = new Uint8Array(size);

  // Probabilities of a 0 bit, in 1/2048ths, all starting at one half.
  const model = (n) => new Uint16Array(n).fill(1024);
  const isMatch = model(192), isRep = model(12), isRepG0 = model(12), isRepG1 = model(12);
  const isRepG2 = model(12), isRep0Long = model(192), literals = model(0x300 << (lc + lp));
  const slots = model(256), special = model(114), align = model(16);
  const matchLen = model(514), repLen = model(514);

  // The range decoder: range and code as 32-bit patterns (compared unsigned with
  // >>> 0), kept in an Int32Array so that the helpers below share them without boxing.
  // The stream starts with a 0 byte, then four bytes of code, most significant first.
  const rc = new Int32Array(2); // range, code
  let at = 10;
  rc[0] = -1;
  rc[1] = input[6] << 24 | input[7] << 16 | input[8] << 8 | input[9];
  if (input[5] !== 0 || rc[1] === -1) fail("bad stream start");
  function next() {
    if (at >= input.length) fail("truncated");
    return input[at++];
  }
  // n bits, most significant first, each coded with the probability p[base + m], where
  // m is 1 followed by the bits so far; each probability then moves 1/32 towards its
  // bit. For a literal after a match (n = 8, `match` the byte at rep0, else -1), the
  // bits of `match` select other probabilities as long as the decoded bits equal them.
  function tree(p, base, n, match) {
    let range = rc[0], code = rc[1], m = 1;
    const end = 1 << n;
    while (m < end) {
      let i = base + m;
      const predicted = match >> 7 & 1;
      if (match >= 0) {
        i += 0x100 + (predicted << 8);
        match = match << 1 & 0xff;
      }
      const prob = p[i], bound = Math.imul(range >>> 11, prob);
      if (code >>> 0 < bound >>> 0) {
        range = bound;
        p[i] = prob + (2048 - prob >> 5);
        m <<= 1;
      } else {
        range = range - bound | 0;
        code = code - bound | 0;
        p[i] = prob - (prob >> 5);
        m = m << 1 | 1;
      }
      if (match >= 0 && (m & 1) !== predicted) match = -1;
      if (range >>> 24 === 0) {
        range <<= 8;
        code = code << 8 | next();
      }
    }
    rc[0] = range;
    rc[1] = code;
    return m - end;
  }
  const bit = (p, i) => tree(p, i - 1, 1, -1);
  // The same bits as tree(), least significant first.
  function reverse(p, base, n) {
    const t = tree(p, base, n, -1);
    let r = 0;
    for (let i = 0; i < n; i++) r |= (t >> i & 1) << (n - 1 - i);
    return r;
  }
  // Bits of equal probability, most significant first.
  function direct(n) {
    let range = rc[0], code = rc[1], r = 0;
    while (n-- > 0) {
      range = range >>> 1;
      let b = 0;
      if (code >>> 0 >= range) {
        code = code - range | 0;
        b = 1;
      }
      r = r << 1 | b;
      if (range >>> 24 === 0) {
        range <<= 8;
        code = code << 8 | next();
      }
    }
    rc[0] = range;
    rc[1] = code;
    return r;
  }
  // A match length minus 2: 0-7 and 8-15 by position state, then 16-271.
  function length(p, posState) {
    if (!bit(p, 0)) return tree(p, 2 + posState * 8, 3, -1);
    if (!bit(p, 1)) return 8 + tree(p, 130 + posState * 8, 3, -1);
    return 16 + tree(p, 258, 8, -1);
  }
  // A match distance minus 1: a 6-bit slot by length, then the slot's low bits.
  function distance(len) {
    const slot = tree(slots, (len < 3 ? len : 3) << 6, 6, -1);
    if (slot < 4) return slot;
    const n = (slot >> 1) - 1;
    const d = (2 | slot & 1) * (1 << n);
    if (slot < 14) return d + reverse(special, d - slot - 1, n);
    return d + direct(n - 4) * 16 + reverse(align, 0, 4);
  }

  // state < 7: the last packet was a literal; rep0-rep3: the last four distances.
  const pbMask = (1 << pb) - 1, lpMask = (1 << lp) - 1;
  let state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0, pos = 0;
  // Decodes one packet: a literal, a match, or the end marker (then returns false). A
  // function rather than the body of the loop below: V8 optimises it sooner, which
  // makes the first (and only) decoding in a page faster.
  function packet() {
    const posState = pos & pbMask;
    if (!bit(isMatch, state << 4 | posState)) {
      if (pos >= size) fail("longer than its header says");
      const base = 0x300 * (((pos & lpMask) << lc) + ((pos > 0 ? out[pos - 1] : 0) >> (8 - lc)));
      out[pos] = tree(literals, base, 8, state < 7 ? -1 : out[pos - rep0 - 1]);
      pos++;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      return true;
    }
    let len;
    if (!bit(isRep, state)) {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(matchLen, posState);
      state = state < 7 ? 7 : 10;
      rep0 = distance(len);
      if (rep0 === 0xffffffff) return false; // the end marker
      len += 2;
    } else if (!bit(isRepG0, state)) {
      if (!bit(isRep0Long, state << 4 | posState)) {
        len = 1;
        state = state < 7 ? 9 : 11;
      } else {
        len = length(repLen, posState) + 2;
        state = state < 7 ? 8 : 11;
      }
    } else {
      let d;
      if (!bit(isRepG1, state)) {
        d = rep1;
      } else {
        if (!bit(isRepG2, state)) {
          d = rep2;
        } else {
          d = rep3;
          rep3 = rep2;
        }
        rep2 = rep1;
      }
      rep1 = rep0;
      rep0 = d;
      len = length(repLen, posState) + 2;
      state = state < 7 ? 8 : 11;
    }
    if (rep0 >= pos) fail("distance before the start");
    if (len > size - pos) fail("longer than its header says");
    for (let from = pos - rep0 - 1, end = pos + len; pos < end;) out[pos++] = out[from++];
    return true;
  }
  while (packet());
  if (pos !== size) fail("shorter than its header says");
  if (rc[1] !== 0 || at !== input.length) fail("data after the end marker");
  return out;
}
