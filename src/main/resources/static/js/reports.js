// The reports dashboard (/reports): charts and tables drawn from the report API, with the caller's own scope.
'use strict';
const MAIN_STEPS = ['SCANNED', 'LEAD', 'WECOM_ADDED', 'FIRST_CONTACT', 'ENGAGED', 'CONVERTED'];
const charts = {};
const form = document.getElementById('filters');

/** A chart drawn at once, without animation: what the page shows is what the figures say, at any moment. */
function draw(id, option) {
  charts[id] = charts[id] || echarts.init(document.getElementById(id));
  charts[id].setOption(Object.assign({animation: false}, option), true);
}
function el(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text == null ? '' : String(text);
  return node;
}
function percent(rate) {
  return rate == null ? '—' : (rate * 100).toFixed(1) + '%';
}
function query(extra) {
  const params = new URLSearchParams();
  new FormData(form).forEach((value, key) => { if (value) params.set(key, value); });
  Object.entries(extra || {}).forEach(([k, v]) => params.set(k, v));
  return params.toString();
}
async function get(path, extra) {
  const response = await fetch(path + '?' + query(extra), {credentials: 'same-origin'});
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || ('HTTP ' + response.status));
  }
  return response.json();
}
function table(id, headings, rows) {
  const node = document.getElementById(id);
  const head = el('tr');
  headings.forEach(h => head.append(el('th', h)));
  node.tHead.replaceChildren(head);
  node.tBodies[0].replaceChildren(...rows.map(cells => {
    const tr = el('tr');
    cells.forEach(c => tr.append(el('td', c)));
    return tr;
  }));
}

function drawFunnel(funnel) {
  const label = Object.fromEntries(funnel.steps.map(s => [s.step, s.label]));
  // bars, not a funnel shape: a step can outnumber the one before it (leads from the API have no scan)
  draw('chart-funnel', {
    tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}}, grid: {left: 80, right: 60, top: 10, bottom: 30},
    xAxis: {type: 'value', minInterval: 1},
    yAxis: {type: 'category', inverse: true, data: MAIN_STEPS.map(step => label[step])},
    series: [{type: 'bar', name: '人数', label: {show: true, position: 'right'},
      data: MAIN_STEPS.map(step => ({name: label[step], value: funnel.total.counts[step]}))}]
  });
  const steps = funnel.steps.map(s => s.step);
  table('funnel-figures', ['', ...funnel.steps.map(s => s.label)], [
    ['人数', ...steps.map(step => funnel.total.counts[step])],
    ['转化率', ...steps.map(step => step === 'SCANNED' ? '—' : percent(funnel.total.rates[step]))]
  ]);
}
/** Every day of the range, a day without a row as zero, so the line shows the quiet days too. */
function days(from, to) {
  const all = [];
  for (let day = new Date(from + 'T00:00:00Z'); day <= new Date(to + 'T00:00:00Z'); day.setUTCDate(day.getUTCDate() + 1)) {
    all.push(day.toISOString().slice(0, 10));
  }
  return all;
}
function drawTrend(byDay) {
  const rows = Object.fromEntries(byDay.rows.map(r => [r.key, r]));
  const range = days(byDay.from, byDay.to);
  draw('chart-trend', {
    tooltip: {trigger: 'axis'}, legend: {}, grid: {left: 40, right: 20, bottom: 30},
    xAxis: {type: 'category', data: range.map(day => day.slice(5))}, yAxis: {type: 'value', minInterval: 1},
    series: ['SCANNED', 'LEAD', 'WECOM_ADDED', 'CONVERTED'].map(step => ({
      type: 'line', name: byDay.steps.find(s => s.step === step).label,
      data: range.map(day => rows[day] ? rows[day].counts[step] : 0)}))
  });
}
function drawChannels(byChannel) {
  draw('chart-channel', {
    tooltip: {trigger: 'axis'}, legend: {}, grid: {left: 40, right: 20, bottom: 30},
    xAxis: {type: 'category', data: byChannel.rows.map(r => r.label)}, yAxis: {type: 'value', minInterval: 1},
    series: ['LEAD', 'CONVERTED'].map(step => ({
      type: 'bar', name: byChannel.steps.find(s => s.step === step).label, data: byChannel.rows.map(r => r.counts[step])}))
  });
}
function drawSla(sla) {
  const rate = r => r == null ? null : Math.round(r * 1000) / 10;
  const nothingDone = sla.rows.every(r => r.firstContacts.inTimeRate == null && r.followUps.inTimeRate == null);
  draw('chart-sla', {
    title: nothingDone ? {text: '这段时间还没有完成的首次联系或跟进', left: 'center', top: 'middle',
      textStyle: {color: '#86909c', fontSize: 14, fontWeight: 'normal'}} : undefined,
    tooltip: {trigger: 'axis', valueFormatter: v => v == null ? '—' : v + '%'}, legend: {}, grid: {left: 40, right: 20, bottom: 30},
    xAxis: {type: 'category', data: sla.rows.map(r => r.label)}, yAxis: {type: 'value', max: 100},
    series: [
      {type: 'bar', name: '首次联系 24 工时内', data: sla.rows.map(r => rate(r.firstContacts.inTimeRate))},
      {type: 'bar', name: '跟进 2 工时内', data: sla.rows.map(r => rate(r.followUps.inTimeRate))}]
  });
  table('sla-figures', ['销售', '首次联系完成', '其中按时', '及时率', '跟进完成', '其中按时', '及时率', '超时升级',
    '未完成任务', '已逾期', '1天内', '1至3天', '3至7天', '7天以上'], sla.rows.map(r => [r.label,
    r.firstContacts.done, r.firstContacts.inTime, percent(r.firstContacts.inTimeRate), r.followUps.done, r.followUps.inTime,
    percent(r.followUps.inTimeRate), r.escalations, r.openTasks.total, r.openTasks.overdue, r.openTasks.underDay,
    r.openTasks.oneToThreeDays, r.openTasks.threeToSevenDays, r.openTasks.older]));
}
/** Each step of each plan version: what went and what came back, and why pushes were moved (reasons that occurred). */
function drawSteps(steps) {
  const name = r => r.planKey + ' v' + r.planVersion + ' 第' + r.stepNo + '步';
  const series = [['shifted', '顺延'], ['sent', '已发'], ['confirmed', '销售确认'], ['delivered', '送达'], ['clicked', '24小时内点击'],
    ['replied', '24小时内回复']];
  draw('chart-steps', {
    title: steps.rows.length ? undefined : {text: '这段时间没有 SOP 推送', left: 'center', top: 'middle',
      textStyle: {color: '#86909c', fontSize: 14, fontWeight: 'normal'}},
    tooltip: {trigger: 'axis'}, legend: {}, grid: {left: 40, right: 20, bottom: 30},
    xAxis: {type: 'category', data: steps.rows.map(name)}, yAxis: {type: 'value', minInterval: 1},
    series: series.map(([key, label]) => ({type: 'bar', name: label, data: steps.rows.map(r => r.counts[key])}))
  });
  const reasons = steps.reasons.filter(r => steps.total.shifted[r.reason] > 0);
  const cells = r => [r.label, r.counts.due, r.counts.shifted, r.counts.sent, r.counts.confirmed, r.counts.delivered,
    r.counts.clicked, r.counts.replied, r.counts.unsubscribed, percent(r.rates.confirmed), percent(r.rates.delivered),
    percent(r.rates.clicked), percent(r.rates.replied), percent(r.rates.unsubscribed),
    ...reasons.map(reason => r.shifted[reason.reason])];
  table('step-figures', ['步骤', '应发', '顺延', '已发', '销售确认', '送达', '点击', '回复', '退订', '确认率', '送达率',
    '点击率', '回复率', '退订率', ...reasons.map(r => '顺延·' + r.label)],
    [...steps.rows.map(cells), ...(steps.rows.length ? [cells(steps.total)] : [])]);
}
function links() {
  document.querySelectorAll('.downloads a').forEach(a => {
    const url = new URL(a.href);
    const by = url.searchParams.get('by');
    a.href = url.pathname + '?' + query(by ? {by} : {});
  });
}

async function load() {
  const status = document.getElementById('status');
  document.body.removeAttribute('data-ready');
  status.textContent = '加载中…';
  try {
    const [funnel, byDay, byChannel, sla, steps] = await Promise.all([get('/api/reports/funnel'),
      get('/api/reports/funnel', {by: 'DAY'}), get('/api/reports/funnel', {by: 'CHANNEL'}), get('/api/reports/sla'),
      get('/api/reports/steps')]);
    form.from.value = funnel.from;
    form.to.value = funnel.to;
    drawFunnel(funnel);
    drawTrend(byDay);
    drawChannels(byChannel);
    drawSla(sla);
    drawSteps(steps);
    links();
    status.textContent = funnel.from + ' 至 ' + funnel.to;
    document.body.setAttribute('data-ready', 'true');
  } catch (e) {
    status.textContent = '加载失败：' + e.message;
  }
}

// a report's link (its WeCom message) opens the dashboard over its days
new URLSearchParams(location.search).forEach((value, key) => { if (form.elements[key]) form.elements[key].value = value; });
form.addEventListener('submit', event => { event.preventDefault(); load(); });
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
load();
