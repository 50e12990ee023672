// A non-Jena SPARQL 1.1 member for cipnet's federation tests: Oxigraph's engine (npm "oxigraph", WASM)
// behind the SPARQL 1.1 protocol on loopback. Like a stock store it publishes no VoID, declares no URI
// space and makes no promise about blank-node labels.
//   node server.js [data.nt|data.ttl]   prints "listening <port>" once it accepts requests
//   GET/POST /sparql   query (GET ?query=, POST form or application/sparql-query): SELECT/ASK as SPARQL JSON,
//                      CONSTRUCT/DESCRIBE as N-Triples
//   PUT /data          replaces the default graph with the N-Triples body (tests reload data this way)
'use strict';
const http = require('http');
const fs = require('fs');
const oxigraph = require('oxigraph');

let store = new oxigraph.Store();
const file = process.argv[2];
if (file) store.load(fs.readFileSync(file, 'utf8'), { format: file.endsWith('.ttl') ? 'text/turtle' : 'application/n-triples' });

function answer(res, status, type, body) {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function run(res, query) {
  if (!query) return answer(res, 400, 'text/plain', 'no query\n');
  try {
    let out;
    try {
      out = store.query(query, { results_format: 'application/sparql-results+json' });
      return answer(res, 200, 'application/sparql-results+json', out);
    } catch (e) {
      if (!/format|graph|triple/i.test(String(e))) throw e;
      out = store.query(query, { results_format: 'application/n-triples' });
      return answer(res, 200, 'application/n-triples', out);
    }
  } catch (e) {
    return answer(res, 400, 'text/plain', 'query failed: ' + String(e).split('\n')[0] + '\n');
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (url.pathname === '/data' && req.method === 'PUT') {
      try {
        const next = new oxigraph.Store();
        next.load(body, { format: 'application/n-triples' });
        store = next;
        return answer(res, 204, 'text/plain', '');
      } catch (e) {
        return answer(res, 400, 'text/plain', 'bad N-Triples: ' + String(e).split('\n')[0] + '\n');
      }
    }
    if (url.pathname !== '/sparql') return answer(res, 404, 'text/plain', 'not found\n');
    if (req.method === 'GET') return run(res, url.searchParams.get('query'));
    if (req.method !== 'POST') return answer(res, 405, 'text/plain', 'GET or POST\n');
    const type = (req.headers['content-type'] || '').split(';')[0].trim();
    if (type === 'application/sparql-query') return run(res, body);
    if (type === 'application/x-www-form-urlencoded') return run(res, new URLSearchParams(body).get('query'));
    return answer(res, 415, 'text/plain', 'send a form or application/sparql-query\n');
  });
});
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
