// The rep's workspace (/m): tasks, a customer, scripts, mass-sends to confirm; in WeCom's chat sidebar also the JS-SDK.
'use strict';
const KINDS = {FIRST_CONTACT: '首次联系', FOLLOW_UP: '跟进', CUSTOMER_CARE: '老客关怀', ESCALATION: '超时升级', CONFIRM_PUSH: '确认推送'};
const STAGES = {NURTURING: '培育中', ENGAGED: '有意向', CUSTOMER: '已成交', SILENT: '沉默', CHURNED: '已流失', OPTED_OUT: '已退订', DORMANT: '休眠'};
const OUTCOMES = {REACHED: '已联系上', INTERESTED: '有意向', NOT_INTERESTED: '暂无意向', WRONG_NUMBER: '号码有误', CALL_BACK: '约定回电'};
const EVENTS = {CAPTURED: '留资', TOUCHPOINT: '再次到访', PUSH: '推送', EVENT: '行为', TAG: '标签', STAGE: '阶段', OWNER: '负责人',
  WECOM_CONTACT: '添加企微', FOLLOW_UP: '跟进'};
const state = {tasks: [], scripts: [], customerId: null, chatReady: false};
const view = document.getElementById('view');

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => k.startsWith('on') ? node.addEventListener(k.slice(2), v) : node.setAttribute(k, v));
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}
function when(iso) {
  const d = new Date(iso);
  return d.toLocaleString('zh-CN', {month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false});
}
function toast(text) {
  const t = document.getElementById('toast');
  t.textContent = text; t.style.display = 'block';
  setTimeout(() => t.style.display = 'none', 2000);
}
async function api(path, options) {
  const response = await fetch(path, Object.assign({credentials: 'same-origin', headers: {'Content-Type': 'application/json'}}, options));
  if (response.status === 401) { location.href = '/m/signin'; throw new Error('登录已过期'); }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || ('请求失败 ' + response.status));
  }
  return response.status === 204 ? null : response.json();
}

async function showTasks() {
  state.tasks = await api('/api/me/tasks');
  const now = Date.now(), endOfDay = new Date(); endOfDay.setHours(23, 59, 59, 999);
  const groups = [['已逾期', t => Date.parse(t.dueAt) < now, 'overdue'],
                  ['今天到期', t => Date.parse(t.dueAt) >= now && Date.parse(t.dueAt) <= endOfDay.getTime(), 'today'],
                  ['之后', t => !t.dueAt || Date.parse(t.dueAt) > endOfDay.getTime(), 'later']];
  view.replaceChildren();
  if (state.tasks.length === 0) view.append(el('p', {id: 'no-tasks', class: 'card'}, '没有待办任务，去话术库看看吧。'));
  for (const [title, test, cls] of groups) {
    const tasks = state.tasks.filter(test);
    if (tasks.length === 0) continue;
    view.append(el('div', {class: 'group', id: 'group-' + cls}, `${title}（${tasks.length}）`));
    tasks.forEach(t => view.append(el('a', {class: 'item task ' + cls, href: '#customer/' + t.lead.id, 'data-task': t.id},
      el('div', {class: 'top'}, el('strong', {}, t.lead.name || '未留名客户'), el('span', {class: 'kind ' + t.kind}, KINDS[t.kind] || t.kind)),
      el('div', {class: 'muted'}, (t.dueAt ? '截止 ' + when(t.dueAt) : '') + (t.reason ? ' · ' + t.reason : '')))));
  }
}

async function showCustomer(id) {
  state.customerId = id;
  const [c, tasks] = await Promise.all([api('/api/customers/' + encodeURIComponent(id)), api('/api/me/tasks')]);
  state.tasks = tasks;
  const pushes = c.timeline.filter(e => e.kind === 'PUSH').slice(0, 3);
  const clicks = c.timeline.filter(e => e.kind === 'EVENT' && e.summary.startsWith('LINK_CLICKED')).slice(0, 3);
  const open = tasks.filter(t => t.lead.id === c.id);
  view.replaceChildren(
    el('section', {class: 'card'},
      el('h1', {id: 'customer-name'}, c.name || '未留名客户'),
      el('div', {class: 'muted'}, (STAGES[c.stage] || c.stage) + (c.layer ? ' · ' + c.layer : '')),
      el('div', {class: 'facts'}, el('div', {}, el('strong', {id: 'customer-score'}, c.score), '评分'),
        el('div', {}, el('strong', {}, open.length), '待办'), el('div', {}, el('strong', {}, clicks.length), '近期点击')),
      el('div', {class: 'chips', id: 'customer-tags'}, c.tags.map(t => el('span', {}, t)))),
    ...open.map(taskForm),
    el('section', {class: 'card'}, el('strong', {}, '最近推送'), list(pushes, '暂无推送')),
    el('section', {class: 'card'}, el('strong', {}, '最近点击'), list(clicks, '暂无点击')),
    el('section', {class: 'card'}, el('strong', {}, '客户动态'), list(c.timeline.slice(0, 20), '暂无动态')),
    el('a', {class: 'item', href: '#scripts'}, '为 ' + (c.name || '该客户') + ' 选择话术 →'));
}
function list(entries, empty) {
  if (entries.length === 0) return el('p', {class: 'muted'}, empty);
  return el('ul', {class: 'timeline'}, entries.map(e => el('li', {}, el('span', {class: 'muted'}, when(e.occurredAt) + ' ' + (EVENTS[e.kind] || e.kind) + ' '), e.summary)));
}
function taskForm(task) {
  const outcome = el('select', {name: 'outcome'}, Object.entries(OUTCOMES).map(([k, v]) => el('option', {value: k}, v)));
  const callBack = el('input', {type: 'datetime-local', name: 'callBackAt', style: 'display:none'});
  outcome.addEventListener('change', () => callBack.style.display = outcome.value === 'CALL_BACK' ? 'block' : 'none');
  const note = el('textarea', {name: 'note', rows: 2, maxlength: 1000, placeholder: '备注（选填）'});
  const form = el('form', {class: 'card task-form', 'data-task': task.id},
    el('div', {class: 'top'}, el('strong', {}, (KINDS[task.kind] || task.kind) + '任务'), el('span', {class: 'muted'}, task.dueAt ? '截止 ' + when(task.dueAt) : '')),
    el('label', {}, '结果'), outcome, callBack, el('label', {}, '备注'), note,
    el('button', {type: 'submit'}, '完成任务'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = {outcome: outcome.value, note: note.value || null};
    if (outcome.value === 'CALL_BACK') body.callBackAt = callBack.value ? new Date(callBack.value).toISOString() : null;
    try {
      await api('/api/me/tasks/' + encodeURIComponent(task.id) + '/complete', {method: 'POST', body: JSON.stringify(body)});
      toast('已完成');
      await showCustomer(state.customerId);
    } catch (e) { toast(e.message); }
  });
  return form;
}

async function showScripts() {
  const forWhom = state.customerId ? await api('/api/customers/' + encodeURIComponent(state.customerId)).catch(() => null) : null;
  state.scripts = await api('/api/scripts' + (forWhom ? '?customerId=' + encodeURIComponent(forWhom.id) : ''));
  view.replaceChildren(el('div', {class: 'group', id: 'scripts-for'}, forWhom ? '发给：' + (forWhom.name || '该客户') : '话术库（打开客户后可自动填入称呼）'));
  let category = null;
  for (const s of state.scripts) {
    if (s.category !== category) { category = s.category; view.append(el('div', {class: 'group'}, category)); }
    const send = el('button', {type: 'button', class: 'send', disabled: ''}, '发送到聊天');
    if (state.chatReady) send.removeAttribute('disabled');
    const copy = el('button', {type: 'button', class: 'light copy'}, '复制');
    view.append(el('div', {class: 'item script', 'data-script': s.id}, el('strong', {}, s.title),
      el('p', {class: 'script-body'}, s.text), el('div', {class: 'row'}, copy, send)));
    copy.addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(s.text); toast('已复制'); } catch (e) { toast('请长按文字复制'); }
    });
    send.addEventListener('click', () => sendToChat([{msgtype: 'text', enterChat: true, text: {content: s.text}}]));
  }
  if (!forWhom) return;
  // the SOP content library, as this customer reads it: a link goes as WeCom's news card after the text
  const library = await api('/api/workspace/contents?customerId=' + encodeURIComponent(forWhom.id));
  if (library.length) view.append(el('div', {class: 'group', id: 'contents'}, 'SOP 内容'));
  for (const c of library) {
    const links = c.attachments.filter(a => a.kind === 'LINK');
    const messages = (c.text ? [{msgtype: 'text', enterChat: true, text: {content: c.text}}] : [])
      .concat(links.map(a => ({msgtype: 'news', news: {link: a.url, title: a.title, desc: a.description || '', imgUrl: a.picUrl || ''}})));
    const send = el('button', {type: 'button', class: 'send', disabled: ''}, '发送到聊天');
    if (state.chatReady) send.removeAttribute('disabled');
    view.append(el('div', {class: 'item content', 'data-content': c.id}, el('strong', {}, c.name),
      el('p', {class: 'script-body'}, c.text), links.map(a => el('div', {class: 'muted'}, '🔗 ' + a.title)),
      el('div', {class: 'row'}, send)));
    send.addEventListener('click', () => sendToChat(messages));
  }
}
// A CONFIRM step's mass-send: the rep says go here, then WeCom has the rep send it from the client once more
async function showBatches(highlight) {
  const batches = await api('/api/me/push-batches');
  view.replaceChildren(el('div', {class: 'group'}, `待确认群发（${batches.length}）`));
  if (batches.length === 0) view.append(el('p', {id: 'no-batches', class: 'card'}, '没有待确认的群发。'));
  for (const b of batches) {
    const links = JSON.parse(b.attachments || '[]');
    const confirm = el('button', {type: 'button', class: 'confirm'}, `确认发送给 ${b.customers} 位客户`);
    view.append(el('div', {class: 'item batch' + (String(b.id) === highlight ? ' highlight' : ''), 'data-batch': b.id},
      el('div', {class: 'top'}, el('strong', {}, 'SOP 第 ' + b.stepNo + ' 步'), el('span', {class: 'kind CONFIRM_PUSH'}, KINDS.CONFIRM_PUSH)),
      el('p', {class: 'script-body'}, b.text), links.map(a => el('div', {class: 'muted'}, '🔗 ' + (a.title || a.kind))),
      el('div', {class: 'muted'}, '生成于 ' + when(b.createdAt) + ' · 窗口关闭前未确认将不再发送'), el('div', {class: 'row'}, confirm)));
    confirm.addEventListener('click', async () => {
      confirm.setAttribute('disabled', '');
      try {
        await api('/api/me/push-batches/' + b.id + '/confirm', {method: 'POST', body: '{}'});
        toast('已确认：请在企业微信「客户群发」中点击发送');
        await showBatches();
      } catch (e) { confirm.removeAttribute('disabled'); toast(e.message); }
    });
  }
}
// sendChatMessage puts one message into the chat per call: the parts go one after the other
function sendToChat(messages) {
  const [first, ...rest] = messages;
  if (!first) return;
  window.wx.invoke('sendChatMessage', first, res => {
    if (res.err_msg !== 'sendChatMessage:ok') { toast('发送失败：' + res.err_msg); return; }
    if (rest.length) sendToChat(rest); else toast('已发送到聊天');
  });
}

// Inside WeCom's chat sidebar: sign the page for the JS-SDK, then open the customer of the current chat.
async function connectWeCom() {
  if (!window.wx) return;
  const url = location.href.split('#')[0];
  const c = await api('/api/workspace/jssdk?url=' + encodeURIComponent(url));
  const apis = ['getContext', 'getCurExternalContact', 'sendChatMessage'];
  window.wx.config({beta: true, debug: false, appId: c.corpId, timestamp: c.timestamp, nonceStr: c.nonceStr, signature: c.signature, jsApiList: apis});
  window.wx.error(res => document.getElementById('wecom-status').textContent = '企业微信签名失败');
  window.wx.ready(() => window.wx.agentConfig({corpid: c.corpId, agentid: c.agentId, timestamp: c.timestamp, nonceStr: c.nonceStr,
    signature: c.agentSignature, jsApiList: apis,
    success: () => {
      state.chatReady = true;
      document.getElementById('wecom-status').textContent = '企业微信已连接';
      document.querySelectorAll('button.send').forEach(b => b.removeAttribute('disabled'));
      window.wx.invoke('getContext', {}, ctx => {
        if (ctx.entry !== 'single_chat_tools') return;
        window.wx.invoke('getCurExternalContact', {}, async res => {
          if (res.err_msg !== 'getCurExternalContact:ok') return;
          try {
            const found = await api('/api/workspace/contacts/' + encodeURIComponent(res.userId));
            location.hash = '#customer/' + found.customerId;
          } catch (e) { document.getElementById('wecom-status').textContent = e.message; }
        });
      });
    },
    fail: res => document.getElementById('wecom-status').textContent = '企业微信授权失败：' + (res.errMsg || res.err_msg)}));
}

async function route() {
  const hash = location.hash || '#tasks';
  document.querySelectorAll('.tabs a').forEach(a => a.classList.toggle('on', hash.startsWith(a.getAttribute('href'))));
  try {
    if (hash.startsWith('#customer/')) await showCustomer(decodeURIComponent(hash.slice('#customer/'.length)));
    else if (hash === '#scripts') await showScripts();
    else if (hash.startsWith('#batches')) await showBatches(hash.slice('#batches/'.length));
    else await showTasks();
  } catch (e) { view.replaceChildren(el('p', {class: 'card error'}, e.message)); }
}
window.addEventListener('hashchange', route);
route();
connectWeCom().catch(e => document.getElementById('wecom-status').textContent = e.message);
