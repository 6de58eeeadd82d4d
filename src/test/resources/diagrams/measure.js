// Measures a diagram as bpmn-js drew it: every box is the drawn one (a label's text as laid out, not its DI bounds),
// in diagram coordinates. Answers what a reader would trip over, one line each.
window.measure = function (viewer) {
  const registry = viewer.get('elementRegistry');
  const all = registry.getAll().filter(e => e.parent); // the root is no element of the drawing
  const shapes = all.filter(e => !e.waypoints && e.type !== 'label');
  const connections = all.filter(e => e.waypoints);
  const labels = all.filter(e => e.type === 'label');
  const SLACK = 1; // boxes that only touch do not overlap
  const problems = [];

  const name = e => (e.businessObject && (e.businessObject.name || e.businessObject.id) || e.id).replace(/\n/g, ' ');
  const textBox = e => {
    const text = registry.getGraphics(e).querySelector('text');
    if (!text || !text.textContent.trim()) return null;
    const b = text.getBBox();
    return {x: e.x + b.x, y: e.y + b.y, width: b.width, height: b.height};
  };
  const overlap = (a, b) => a.x + SLACK < b.x + b.width && b.x + SLACK < a.x + a.width
      && a.y + SLACK < b.y + b.height && b.y + SLACK < a.y + a.height;
  // a gateway is drawn as a diamond and an event as a circle: a label in a corner of their box covers nothing
  const covers = (shape, p) => {
    const dx = Math.abs(p.x - (shape.x + shape.width / 2)), dy = Math.abs(p.y - (shape.y + shape.height / 2));
    if (/Gateway$/.test(shape.type)) return dx / (shape.width / 2) + dy / (shape.height / 2) < 1;
    if (/Event$/.test(shape.type)) return Math.hypot(dx, dy) < shape.width / 2 - SLACK;
    return dx < shape.width / 2 - SLACK && dy < shape.height / 2 - SLACK;
  };
  const hits = (box, shape) => {
    if (!overlap(box, shape)) return false;
    for (let x = box.x; x <= box.x + box.width; x += 2) {
      for (let y = box.y; y <= box.y + box.height; y += 2) {
        if (covers(shape, {x, y})) return true;
      }
    }
    return false;
  };
  const inside = (a, b) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
  const segments = c => c.waypoints.slice(1).map((p, i) => [c.waypoints[i], p]);
  const isContainer = s => s.children && s.children.some(child => child.type !== 'label');
  const ancestors = e => {
    const list = [];
    for (let p = e.parent; p; p = p.parent) list.push(p);
    return list;
  };
  const cross = ([a, b], [c, d]) => {
    const turn = (p, q, r) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
    const same = (p, q) => Math.abs(p.x - q.x) < 1 && Math.abs(p.y - q.y) < 1;
    if (same(a, c) || same(a, d) || same(b, c) || same(b, d)) return false; // edges meeting at a shape
    return turn(a, b, c) * turn(a, b, d) < 0 && turn(c, d, a) * turn(c, d, b) < 0;
  };
  const through = ([a, b], box) => { // a segment entering a box's interior (edges are straight lines here)
    const inner = {x: box.x + SLACK, y: box.y + SLACK, width: box.width - 2 * SLACK, height: box.height - 2 * SLACK};
    for (let t = 0; t <= 1; t += 0.02) {
      const p = {x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t};
      if (p.x > inner.x && p.x < inner.x + inner.width && p.y > inner.y && p.y < inner.y + inner.height) return true;
    }
    return false;
  };

  const drawnLabels = labels.map(l => ({label: l, owner: l.labelTarget, box: textBox(l)})).filter(l => l.box);
  for (const {label, owner, box} of drawnLabels) {
    const around = ancestors(owner);
    for (const shape of shapes) {
      if (around.includes(shape)) continue; // its owner too: a name drawn over its own gateway is hidden
      if (hits(box, shape)) problems.push(`label "${name(label)}" overlaps ${name(shape)}`);
    }
    const container = around.find(p => p.parent && p.type !== 'label' && !p.waypoints);
    if (container && !inside(box, container)) problems.push(`label "${name(label)}" sticks out of ${name(container)}`);
    for (const connection of connections) {
      if (connection === owner) continue;
      if (segments(connection).some(s => through(s, box))) {
        problems.push(`label "${name(label)}" lies on the flow ${name(connection)}`);
      }
    }
  }
  drawnLabels.forEach((a, i) => drawnLabels.slice(i + 1).forEach(b => {
    if (overlap(a.box, b.box)) problems.push(`labels "${name(a.label)}" and "${name(b.label)}" overlap`);
  }));
  for (const shape of shapes.filter(s => !isContainer(s) && s.type !== 'bpmn:BoundaryEvent')) {
    const box = textBox(shape);
    if (box && !inside(box, {x: shape.x - SLACK, y: shape.y - SLACK, width: shape.width + 2 * SLACK,
        height: shape.height + 2 * SLACK})) {
      problems.push(`the text of ${name(shape)} does not fit in it`);
    }
  }
  connections.forEach((a, i) => connections.slice(i + 1).forEach(b => {
    if (segments(a).some(s => segments(b).some(t => cross(s, t)))) {
      problems.push(`flows ${name(a)} and ${name(b)} cross`);
    }
  }));
  for (const connection of connections) {
    const ends = [connection.source, connection.target];
    const skip = new Set([...ends, ...ends.map(e => e.host).filter(Boolean), ...ends.flatMap(ancestors)]);
    for (const shape of shapes) {
      if (skip.has(shape)) continue;
      if (segments(connection).some(s => through(s, shape))) {
        problems.push(`the flow ${name(connection)} runs through ${name(shape)}`);
      }
    }
  }
  return problems;
};
