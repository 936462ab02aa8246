// Dump the tables Herald vendors in posts/counting/ as JSON on stdout.
// Usage: node dump.js SCRATCH_DIR   (SCRATCH_DIR/node_modules holds twitter-text@3.1.0,
// twemoji-parser (its dependency) and tlds@1.261.0; tools/counting_tables/regen.py installs them)
const path = require('path');
const modules = path.join(process.argv[2], 'node_modules');
const regexp = (name) => require(path.join(modules, 'twitter-text/dist/regexp', name));

// The alternation inside twitter-text's validGTLD / validCCTLD, in its original order.
function words(source) {
  return source.slice(source.indexOf('(?:(?:') + 6, source.indexOf(')(?=')).split('|');
}

// Every code point (no lone surrogates) a one-char regex matches, as [first, last] ranges.
function ranges(re) {
  const out = [];
  let start = -1;
  for (let cp = 0; cp <= 0x110000; cp++) {
    const ok = cp < 0x110000 && !(cp >= 0xd800 && cp <= 0xdfff) && re.test(String.fromCodePoint(cp));
    if (ok && start < 0) start = cp;
    if (!ok && start >= 0) {
      out.push([start, cp - 1]);
      start = -1;
    }
  }
  return out;
}

const oneChar = (name) => new RegExp('^(?:' + regexp(name).source + ')$', 'i');
console.log(JSON.stringify({
  gtld: words(regexp('validGTLD').source),
  cctld: words(regexp('validCCTLD').source),
  hashtag_alpha: ranges(oneChar('hashtagAlpha')),
  hashtag_alnum: ranges(oneChar('hashtagAlphaNumeric')),
  twemoji: require(path.join(modules, 'twemoji-parser/dist/lib/regex')).default.source,
  bluesky_tlds: require(path.join(modules, 'tlds')),
}));
