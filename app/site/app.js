// The stock trader's page: who served it (polled from nginx's /whoami), live quotes, the
// portfolio and recent trades (from PostgREST under /api/), and a form to buy and sell.
// Plain browser JavaScript, no framework, nothing loaded from elsewhere.
(function () {
  'use strict';

  const WHOAMI_EVERY_MS = 1500;
  const API_EVERY_MS = 2000;
  const PODS_WINDOW_MS = 10000;
  const REQUEST_TIMEOUT_MS = 4000;

  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
  const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium' });
  const byId = (id) => document.getElementById(id);

  /** Pods seen recently: name -> { release, version, at }. */
  const seen = new Map();
  /** Last price of each symbol, to show which way it moved. */
  const lastPrice = new Map();

  function dollars(cents) {
    return money.format(Number(cents) / 100);
  }

  function cell(text, className) {
    const td = document.createElement('td');
    td.textContent = String(text);
    if (className) td.className = className;
    return td;
  }

  function row(cells) {
    const tr = document.createElement('tr');
    tr.append(...cells);
    return tr;
  }

  function showRows(tbodyId, rows, emptyText, columns) {
    const tbody = byId(tbodyId);
    if (rows.length === 0) {
      const td = cell(emptyText, 'empty');
      td.colSpan = columns;
      tbody.replaceChildren(row([td]));
    } else {
      tbody.replaceChildren(...rows);
    }
  }

  /** Fetches JSON; rejects with `apiDown` set when the server did not answer with JSON. */
  async function getJson(url, options) {
    let response;
    try {
      response = await fetch(url, {
        cache: 'no-store',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        ...options,
      });
    } catch (error) {
      throw Object.assign(new Error(`${url}: ${error.message}`), { apiDown: true });
    }
    const type = response.headers.get('content-type') || '';
    if (!type.includes('application/json')) {
      throw Object.assign(new Error(`${url}: HTTP ${response.status}`), { apiDown: true });
    }
    const body = await response.json();
    if (!response.ok) {
      throw Object.assign(new Error(body.message || `HTTP ${response.status}`), {
        apiDown: response.status >= 500,
        hint: body.hint,
      });
    }
    return body;
  }

  // --- Who served the page -------------------------------------------------------------------

  function showServed(whoami) {
    byId('pod').textContent = whoami.pod;
    const release = byId('release');
    release.textContent = whoami.release;
    release.dataset.release = whoami.release;
    byId('version').textContent = whoami.version;
    byId('served-error').hidden = true;

    const now = Date.now();
    seen.set(whoami.pod, { release: whoami.release, version: whoami.version, at: now });
    for (const [pod, info] of seen) {
      if (now - info.at > PODS_WINDOW_MS) seen.delete(pod);
    }
    const items = [...seen.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([pod, info]) => {
        const li = document.createElement('li');
        li.dataset.release = info.release;
        const name = document.createElement('span');
        name.className = 'pod-name';
        name.textContent = pod;
        const detail = document.createElement('span');
        detail.className = 'pod-detail';
        detail.textContent = `${info.release} · nginx ${info.version}`;
        li.append(name, detail);
        return li;
      });
    byId('pods').replaceChildren(...items);
  }

  async function pollWhoami() {
    try {
      showServed(await getJson('/whoami'));
    } catch (error) {
      const note = byId('served-error');
      note.textContent = `No answer from /whoami (${error.message}); trying again.`;
      note.hidden = false;
    } finally {
      setTimeout(pollWhoami, WHOAMI_EVERY_MS);
    }
  }

  // --- Market, portfolio and trades ----------------------------------------------------------

  function showQuotes(quotes) {
    const select = byId('symbol');
    if (select.options.length !== quotes.length) {
      const chosen = select.value;
      select.replaceChildren(
        ...quotes.map((q) => new Option(`${q.symbol} · ${q.company}`, q.symbol)),
      );
      if (chosen) select.value = chosen;
    }
    const rows = quotes.map((q) => {
      const before = lastPrice.get(q.symbol);
      lastPrice.set(q.symbol, q.price_cents);
      const trend =
        before === undefined || before === q.price_cents
          ? ''
          : before < q.price_cents
            ? 'up'
            : 'down';
      const tr = row([
        cell(q.symbol, 'symbol'),
        cell(q.company),
        cell(dollars(q.price_cents), `num ${trend}`),
      ]);
      tr.dataset.symbol = q.symbol;
      return tr;
    });
    showRows('quotes', rows, 'No stocks listed.', 3);
  }

  function showPortfolio(portfolio) {
    byId('cash').textContent = dollars(portfolio.cash_cents);
    byId('holdings-value').textContent = dollars(portfolio.holdings_value_cents);
    byId('total').textContent = dollars(portfolio.total_value_cents);
    const rows = portfolio.holdings.map((h) => {
      const tr = row([
        cell(h.symbol, 'symbol'),
        cell(h.quantity, 'num'),
        cell(dollars(h.price_cents), 'num'),
        cell(dollars(h.value_cents), 'num'),
      ]);
      tr.dataset.symbol = h.symbol;
      return tr;
    });
    showRows('holdings', rows, 'No shares yet: buy some above.', 4);
  }

  function showTrades(trades) {
    const rows = trades.map((t) =>
      row([
        cell(time.format(new Date(t.executed_at))),
        cell(t.side, `side ${t.side}`),
        cell(t.symbol, 'symbol'),
        cell(t.quantity, 'num'),
        cell(dollars(t.price_cents), 'num'),
        cell(dollars(t.total_cents), 'num'),
      ]),
    );
    showRows('recent', rows, 'No trades yet.', 6);
  }

  function setApiDown(down) {
    byId('api-down').hidden = !down;
    document.body.classList.toggle('api-down', down);
    for (const button of document.querySelectorAll('#trade-form button')) button.disabled = down;
  }

  async function refreshApi() {
    const [quotes, portfolios, trades] = await Promise.all([
      getJson('/api/quotes?select=symbol,company,price_cents&order=symbol.asc'),
      getJson('/api/portfolio'),
      getJson('/api/recent_trades?order=id.desc&limit=10'),
    ]);
    showQuotes(quotes);
    if (portfolios.length > 0) showPortfolio(portfolios[0]);
    showTrades(trades);
    setApiDown(false);
  }

  async function pollApi() {
    try {
      await refreshApi();
    } catch (error) {
      setApiDown(true);
      console.warn('API refresh failed:', error.message);
    } finally {
      setTimeout(pollApi, API_EVERY_MS);
    }
  }

  // --- Trading -------------------------------------------------------------------------------

  async function placeTrade(event) {
    event.preventDefault();
    const form = event.target;
    const side = event.submitter ? event.submitter.value : 'buy';
    const order = {
      symbol: form.elements.symbol.value,
      side,
      quantity: Number(form.elements.quantity.value),
    };
    const result = byId('trade-result');
    result.className = 'pending';
    result.textContent = `${side === 'buy' ? 'Buying' : 'Selling'} ${order.quantity} ${order.symbol}…`;
    try {
      const trade = await getJson('/api/rpc/place_trade', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(order),
      });
      const verb = trade.side === 'buy' ? 'Bought' : 'Sold';
      result.className = 'ok';
      result.textContent =
        `${verb} ${trade.quantity} ${trade.symbol} at ${dollars(trade.price_cents)}` +
        ` (${dollars(trade.total_cents)}).`;
      await refreshApi().catch(() => setApiDown(true));
    } catch (error) {
      result.className = 'refused';
      result.textContent = error.apiDown
        ? 'The trading API cannot be reached; the order was not placed.'
        : `Refused: ${error.message}${error.hint ? ` (${error.hint})` : ''}`;
    }
  }

  byId('trade-form').addEventListener('submit', placeTrade);
  pollWhoami();
  pollApi();
})();
