/* The portal's proof of work: find a counter such that
   SHA-256("<challenge>:<counter>") starts with `bits` zero bits (see
   zicht/portal/challenge.py). Runs in small slices from page load so the page
   stays responsive; the form is sent once the answer is found. No third party. */
(function () {
  "use strict";
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ]);
  var H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  var W = new Uint32Array(64);

  function compress(s, b, o) {
    var i, t1, t2;
    for (i = 0; i < 16; i++) {
      W[i] = (b[o + 4 * i] << 24) | (b[o + 4 * i + 1] << 16) | (b[o + 4 * i + 2] << 8) | b[o + 4 * i + 3];
    }
    for (i = 16; i < 64; i++) {
      var x = W[i - 15], y = W[i - 2];
      var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
    }
    var a = s[0], bb = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    for (i = 0; i < 64; i++) {
      var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      var ch = (e & f) ^ (~e & g);
      t1 = (h + S1 + ch + K[i] + W[i]) | 0;
      var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      var maj = (a & bb) ^ (a & c) ^ (bb & c);
      t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
    }
    s[0] = (s[0] + a) | 0; s[1] = (s[1] + bb) | 0; s[2] = (s[2] + c) | 0; s[3] = (s[3] + d) | 0;
    s[4] = (s[4] + e) | 0; s[5] = (s[5] + f) | 0; s[6] = (s[6] + g) | 0; s[7] = (s[7] + h) | 0;
  }

  function ascii(text) {
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { out[i] = text.charCodeAt(i) & 0xff; }
    return out;
  }

  function Solver(challenge, bits) {
    var prefix = ascii(challenge + ":");
    var full = prefix.length - (prefix.length % 64);
    this.mid = H0.slice();
    for (var o = 0; o < full; o += 64) { compress(this.mid, prefix, o); }
    this.full = full;
    this.tail = prefix.subarray(full);
    this.bits = bits;
    this.counter = 0;
    this.buf = new Uint8Array(128);
    this.state = new Int32Array(8);
  }

  Solver.prototype.tries = function (count) {
    var buf = this.buf, tail = this.tail, state = this.state;
    for (var n = 0; n < count; n++, this.counter++) {
      var digits = String(this.counter);
      var len = tail.length + digits.length;
      var blocks = len + 9 <= 64 ? 1 : 2;
      buf.fill(0, 0, blocks * 64);
      buf.set(tail, 0);
      for (var i = 0; i < digits.length; i++) { buf[tail.length + i] = digits.charCodeAt(i); }
      buf[len] = 0x80;
      var bitLength = (this.full + len) * 8;
      var end = blocks * 64;
      buf[end - 4] = (bitLength >>> 24) & 0xff; buf[end - 3] = (bitLength >>> 16) & 0xff;
      buf[end - 2] = (bitLength >>> 8) & 0xff; buf[end - 1] = bitLength & 0xff;
      for (i = 0; i < 8; i++) { state[i] = this.mid[i]; }
      compress(state, buf, 0);
      if (blocks === 2) { compress(state, buf, 64); }
      var zeros = state[0] === 0 ? 32 + Math.clz32(state[1]) : Math.clz32(state[0]);
      if (zeros >= this.bits) { return this.counter; }
    }
    return -1;
  };

  var form = document.getElementById("report-form");
  if (!form || !form.elements.challenge) { return; }
  var proof = form.elements.proof;
  var statusLine = document.getElementById("form-status");
  var solver = new Solver(form.elements.challenge.value, parseInt(form.dataset.bits, 10) || 16);
  var answer = null;
  var sending = false;

  function send() {
    proof.value = String(answer);
    form.submit();
  }

  function work() {
    var found = solver.tries(4000);
    if (found >= 0) {
      answer = found;
      if (sending) { send(); }
      return;
    }
    setTimeout(work, 0);
  }

  form.addEventListener("submit", function (event) {
    if (proof.value) { return; }
    event.preventDefault();
    if (sending) { return; }
    sending = true;
    var button = form.querySelector("button[type=submit]");
    if (button) { button.setAttribute("aria-disabled", "true"); }
    statusLine.textContent = form.dataset.working;
    if (answer !== null) { send(); }
  });

  setTimeout(work, 0);
})();
