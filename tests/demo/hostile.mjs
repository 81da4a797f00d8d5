// The hostile corpus: payloads that try to run script through the renderer. Every one must render
// as inert text. The trap: any script that runs sets window.__pwned.

const markup = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"></svg>',
  '"><iframe srcdoc="<script>parent.__pwned = \'iframe\'</script>"></iframe>',
  '<a href="javascript:window.__pwned = \'a\'">click</a>',
  '{{constructor.constructor("window.__pwned = \'template\'")()}}',
];

const locations = [
  'javascript:window.__pwned = "js-url"',
  'JaVaScRiPt:window.__pwned = "js-url-case"',
  ' javascript:window.__pwned = "js-url-space"',
  'java\tscript:window.__pwned = "js-url-tab"',
  'data:text/html,<script>window.__pwned = "data-url"</script>',
  'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0iYjY0Ijwvc2NyaXB0Pg==',
  'vbscript:msgbox("pwned")',
  '//evil.example/recording',
  'https:evil.example',
  'https://file.location/x"><img src=x onerror="window.__pwned = \'attr\'">',
];

function operation(fields) {
  return {
    '@odata.type': '#microsoft.graph.recordOperation',
    id: 'hostile-op',
    status: 'completed',
    resultInfo: { code: 200, subcode: 8515, message: markup[0] },
    ...fields,
  };
}

/** Each case: a name and the JSON text to render. */
export function hostileCases() {
  const cases = [];
  cases.push({
    name: 'markup in every string field',
    text: JSON.stringify({
      '@odata.type': '#microsoft.graph.recordOperation',
      id: markup[0],
      status: markup[2],
      clientContext: markup[3],
      completionReason: markup[4],
      resultInfo: { '@odata.type': markup[5], code: 500, subcode: 1, message: markup.join(' '), [markup[0]]: markup[1] },
      recordingLocation: markup[4],
      recordingAccessToken: markup[0],
      [markup[1]]: markup[2],
      '<b onmouseover="window.__pwned = 1">extra</b>': { nested: markup },
    }, null, 2),
  });
  for (const location of locations) {
    cases.push({
      name: `recordingLocation ${JSON.stringify(location).slice(0, 40)}`,
      text: JSON.stringify(operation({ recordingLocation: location, recordingAccessToken: 'tok' }), null, 2),
      location,
    });
  }
  cases.push({
    name: 'markup inside a notification envelope and a skipped resource',
    text: JSON.stringify({
      value: [
        { changeType: markup[0], resourceUrl: markup[1], resourceData: operation({ clientContext: markup[2] }) },
        { changeType: 'updated', resourceUrl: markup[3], resourceData: { '@odata.type': markup[1], id: markup[0] } },
      ],
      '@odata.nextLink': 'javascript:window.__pwned = "next"',
    }),
  });
  cases.push({
    name: 'very long strings',
    text: JSON.stringify(operation({
      id: 'x'.repeat(200_000),
      clientContext: '<script>'.repeat(100_000),
      recordingLocation: `https://file.location/${'a'.repeat(500_000)}`,
      recordingAccessToken: 't'.repeat(300_000),
      longExtra: 'y'.repeat(1_000_000),
    })),
  });
  cases.push({
    name: 'bidi controls, lone escapes and NUL',
    text: '{"@odata.type":"#microsoft.graph.recordOperation","id":"\\u202eevil\\u202c","status":"running",' +
      '"clientContext":"\\ud800 lone","extra":"\\u0000\\u0007<script>"}',
  });
  cases.push({
    name: 'deep nesting past the limit',
    text: `{"id":"deep","status":"running","deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
  });
  cases.push({
    name: 'deep nesting within the limit',
    text: `{"id":"deep","status":"running","deep":${'{"a":'.repeat(100)}"<script>window.__pwned=1</script>"${'}'.repeat(100)}}`,
  });
  cases.push({ name: '5 MB collection', text: fiveMegabytes() });
  return cases;
}

/** A collection of about 5 MB: thousands of operations, each with markup in it. */
export function fiveMegabytes() {
  const value = [];
  let size = 0;
  let index = 0;
  while (size < 5 * 1024 * 1024) {
    const item = JSON.stringify(operation({
      id: `op-${index}`,
      status: ['notStarted', 'running', 'completed', 'failed', 'Paused'][index % 5],
      clientContext: `${markup[index % markup.length]} ${'p'.repeat(200)}`,
      recordingLocation: locations[index % locations.length],
      recordingAccessToken: `token-${index}`,
    }));
    value.push(item);
    size += item.length + 1;
    index += 1;
  }
  return `{"value":[${value.join(',')}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/next"}`;
}
