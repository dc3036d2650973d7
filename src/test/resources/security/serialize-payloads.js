// Run by XssCorpusBrowserTest with Selenium (arguments[0]: HTML fragments, arguments[1]: first rrweb id). Parses each
// fragment with the browser's own HTML parser into an inert document (DOMParser: nothing runs, nothing loads) and
// returns it in rrweb's serialized form, as a forged customer would send it: for every payload
// {nodes: [...], bodyAttributes: {...}, nextId}.
var payloads = arguments[0];
var nextId = arguments[1];
var SVG = 'http://www.w3.org/2000/svg';

function attributesOf(element) {
  var result = {};
  for (var i = 0; i < element.attributes.length; i++) {
    result[element.attributes[i].name] = element.attributes[i].value;
  }
  return result;
}

function serialize(node, parentTag) {
  var id = nextId++;
  if (node.nodeType === 1) {
    var tag = node.localName;
    var serialized = { type: 2, id: id, tagName: tag, attributes: attributesOf(node), childNodes: [] };
    if (node.namespaceURI === SVG) {
      serialized.isSVG = true;
    }
    var children = tag === 'template' ? node.content.childNodes : node.childNodes;
    for (var i = 0; i < children.length; i++) {
      serialized.childNodes.push(serialize(children[i], tag));
    }
    return serialized;
  }
  if (node.nodeType === 3) {
    var text = { type: 3, id: id, textContent: node.textContent };
    if (parentTag === 'style') {
      text.isStyle = true;
    }
    return text;
  }
  if (node.nodeType === 4) {
    return { type: 4, id: id, textContent: node.textContent };
  }
  return { type: 5, id: id, textContent: node.textContent || '' };
}

var results = [];
for (var p = 0; p < payloads.length; p++) {
  var doc = new DOMParser().parseFromString(payloads[p], 'text/html');
  var nodes = [];
  var roots = [];
  doc.head.childNodes.forEach(function (n) { roots.push(n); });
  if (doc.body && doc.body.localName === 'body') {
    doc.body.childNodes.forEach(function (n) { roots.push(n); });
  } else if (doc.body) {
    roots.push(doc.body); // a frameset takes the body's place
  }
  roots.forEach(function (n) { nodes.push(serialize(n, '')); });
  var bodyAttributes = doc.body && doc.body.localName === 'body' ? attributesOf(doc.body) : {};
  results.push({ nodes: nodes, bodyAttributes: bodyAttributes, nextId: nextId });
}
return results;
