// The glue between a page and the browser verifier (crates/ledger-wasm): instantiate the module
// from its bytes, pass bytes in, read answers out. Shared by /verify, /verify.html and /record.
'use strict';
window.dledgerVerifier = (function () {
  // Its one real import is randomness for the schema validator's hash maps; anything else a
  // dependency declares is never called by the verifier, and throws if it ever were.
  async function instantiate(bytes) {
    const module = await WebAssembly.compile(bytes);
    const imports = {};
    let memory = null;
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.kind !== 'function') continue;
      imports[imp.module] = imports[imp.module] || {};
      imports[imp.module][imp.name] = () => { throw new Error('the verifier called ' + imp.module + '.' + imp.name); };
    }
    imports.dledger = {
      random_fill(p, n) {
        for (let at = 0; at < n; at += 65536) {
          crypto.getRandomValues(new Uint8Array(memory.buffer, p + at, Math.min(65536, n - at)));
        }
      },
    };
    const instance = await WebAssembly.instantiate(module, imports);
    memory = instance.exports.memory;
    return instance.exports;
  }
  // Bytes into the verifier's memory; the caller frees them.
  function put(w, bytes) {
    const n = bytes.length;
    const p = w.dl_alloc(n);
    new Uint8Array(w.memory.buffer, p, n).set(bytes);
    return [p, n];
  }
  function answer(w) {
    const p = w.dl_out_ptr(), n = w.dl_out_len();
    return new TextDecoder().decode(new Uint8Array(w.memory.buffer, p, n).slice());
  }
  // fn(a, b) over two byte strings, answering JSON.
  function call2(w, fn, a, b) {
    const x = put(w, a), y = put(w, b);
    try { w[fn](x[0], x[1], y[0], y[1]); } finally { w.dl_free(x[0], x[1]); w.dl_free(y[0], y[1]); }
    return JSON.parse(answer(w));
  }
  return { instantiate, put, answer, call2 };
})();
// The page's words in its language (the server puts them in #ui-messages from locales/*.ftl):
// uiText('js-…', { name: value }) fills each {name}; an id the page lacks shows as the id.
window.uiText = (function () {
  let messages = null;
  const load = () => {
    if (messages === null) {
      const el = document.getElementById('ui-messages');
      try { messages = el ? JSON.parse(el.textContent) : {}; } catch (e) { messages = {}; }
    }
    return messages;
  };
  const has = (id) => Object.prototype.hasOwnProperty.call(load(), id);
  const text = function (id, vars) {
    let s = has(id) ? messages[id] : id;
    for (const k of Object.keys(vars || {})) s = s.split('{' + k + '}').join(String(vars[k]));
    return s;
  };
  text.has = has;
  return text;
})();
