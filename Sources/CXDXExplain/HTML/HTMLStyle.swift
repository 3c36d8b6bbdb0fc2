/// The report's stylesheet, inlined so the file needs nothing else: system fonts only, a
/// column readable on a laptop, and print rules that keep graphs and items whole on a page.
enum HTMLStyle {
  static let css = """
    :root { --ink: #1d2733; --muted: #5b6776; --line: #d5dce4; --accent: #1f3a5f; --for: #2e6b3a;
      --against: #c62828; --paper: #ffffff; --wash: #f5f7fa; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; background: var(--wash); color: var(--ink);
      font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; background: var(--paper); }
    h1 { font-size: 1.7em; margin: 0.2em 0 0.1em; }
    h2 { font-size: 1.3em; margin: 1.6em 0 0.4em; border-bottom: 1px solid var(--line); padding-bottom: 0.2em; }
    h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; color: var(--accent); }
    p { margin: 0.4em 0; }
    code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
      font-size: 0.88em; }
    code { background: var(--wash); padding: 0 0.25em; border-radius: 3px; overflow-wrap: anywhere; }
    .meta, .muted { color: var(--muted); }
    .meta { font-size: 0.9em; }
    .case { margin-bottom: 3em; }
    table { border-collapse: collapse; width: 100%; margin: 0.5em 0; }
    th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { font-weight: 600; font-size: 0.85em; color: var(--muted); }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .bar { position: relative; width: 160px; height: 12px; background: var(--wash); border: 1px solid var(--line);
      border-radius: 3px; overflow: hidden; }
    .bar span { position: absolute; top: 0; bottom: 0; left: 0; background: var(--for); }
    .bar span.against { background: var(--against); }
    .status { display: inline-block; font-size: 0.78em; padding: 0 0.5em; border-radius: 8px; white-space: nowrap;
      border: 1px solid var(--line); color: var(--muted); }
    .status.found { background: #e7f1e9; border-color: #9fc3a6; color: #1d4d28; }
    .status.unassessed { border-style: dashed; }
    .diagnosis { margin-top: 2em; }
    .diagnosis > h2 .certainty { float: right; font-variant-numeric: tabular-nums; }
    figure.graph { margin: 0.8em 0; padding: 8px; border: 1px solid var(--line); border-radius: 6px;
      background: #fbfcfd; overflow-x: auto; }
    figure.graph svg { display: block; width: 100%; height: auto; max-width: 100%; }
    figure.graph figcaption { font-size: 0.82em; color: var(--muted); margin-top: 4px; }
    .legend span { margin-right: 1.2em; white-space: nowrap; }
    .swatch { display: inline-block; width: 22px; height: 0; vertical-align: middle; margin-right: 4px;
      border-top: 3px solid var(--for); }
    .swatch.against { border-top: 3px dashed var(--against); }
    ul.tree, ul.tree ul { list-style: none; padding-left: 1.2em; margin: 0.2em 0; }
    ul.tree > li { margin: 0.5em 0; }
    ul.tree ul { border-left: 1px solid var(--line); }
    .contribution .value { font-weight: 600; font-variant-numeric: tabular-nums; }
    .contribution.against .value { color: var(--against); }
    .fact .where { color: var(--muted); font-size: 0.88em; margin-left: 0.5em; }
    ol.misses > li { margin: 0.7em 0; break-inside: avoid; page-break-inside: avoid; }
    .hint { background: #fff6dd; border-left: 3px solid #b08a2e; padding: 0.2em 0.6em; margin: 0.3em 0; }
    .failure { color: var(--against); }
    .remedy { background: #e7f1e9; border-left: 3px solid var(--for); padding: 0.4em 0.8em; }
    .whatif td.delta.up { color: var(--for); }
    .whatif td.delta.down { color: var(--against); }
    @media (max-width: 720px) {
      main { padding: 12px; }
      .bar { width: 90px; }
      .diagnosis > h2 .certainty { float: none; display: block; }
    }
    @media print {
      @page { margin: 14mm 12mm; }
      body { background: #ffffff; font-size: 10.5pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; page-break-after: avoid; }
      figure.graph, table, .hint, .remedy { break-inside: avoid; page-break-inside: avoid; }
      figure.graph { overflow: visible; border-color: #999999; }
      .bar, .bar span, .status, .hint, .remedy { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .case + .case { break-before: page; page-break-before: always; }
    }
    """
}
