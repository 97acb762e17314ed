/// The portal's one stylesheet, served from the server at `/portal.css` (no CDN, no web fonts).
///
/// Colours are custom properties at the top so that the tests can check every text/background pair
/// for WCAG 2 contrast (4.5:1 for body text).
enum PortalStyle {
    static let path = "/portal.css"

    static let css = """
    :root {
      --ink: #1b1f24; --paper: #ffffff; --muted: #4b5563; --surface: #f1f4f8; --line: #c9d1db;
      --brand: #0b3d6e; --brand-ink: #ffffff; --link: #0a4f9e; --link-visited: #5b2a86;
      --focus: #ffbf47; --focus-ink: #1b1f24;
      --emergency: #8c1d18; --emergency-ink: #ffffff;
      --extreme: #6d1410; --severe: #a4231b; --moderate: #7a4100; --minor: #1f5f8b; --unknown: #4b5563; --badge-ink: #ffffff;
      --right: #1e6b34; --wrong: #a4231b; --notice: #fff4d6;
    }
    *, *::before, *::after { box-sizing: border-box; }
    html { font-size: 100%; -webkit-text-size-adjust: 100%; }
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
      font-size: 1.125rem; line-height: 1.6; color: var(--ink); background: var(--paper); }
    a { color: var(--link); text-underline-offset: 0.15em; }
    a:visited { color: var(--link-visited); }
    a:hover { text-decoration-thickness: 3px; }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 6px var(--focus-ink); }
    a:focus-visible { background: var(--focus); color: var(--focus-ink); box-shadow: 0 4px 0 var(--focus-ink); outline: none; text-decoration: none; }
    .skip { position: absolute; left: 0.5rem; top: -10rem; padding: 0.75rem 1rem; background: var(--focus); color: var(--focus-ink); z-index: 10; }
    .skip:focus, .skip:focus-visible { top: 0.5rem; }
    .wrap { max-width: 62rem; margin: 0 auto; padding: 0 1.25rem; }
    .emergency { background: var(--emergency); color: var(--emergency-ink); font-weight: 700; }
    .emergency p { margin: 0; padding: 0.4rem 0; }
    header.site { background: var(--brand); color: var(--brand-ink); }
    header.site a, header.site a:visited { color: var(--brand-ink); }
    header.site a:focus-visible { color: var(--focus-ink); }
    .bar { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding-top: 0.9rem; padding-bottom: 0.5rem; }
    .brand { font-size: 1.5rem; font-weight: 800; text-decoration: none; letter-spacing: 0.01em; }
    .brand span { font-weight: 400; font-size: 1.05rem; margin-left: 0.5rem; padding-left: 0.5rem; border-left: 1px solid var(--brand-ink); }
    .lang { font-weight: 600; }
    nav ul { list-style: none; margin: 0; padding: 0 0 0.6rem; display: flex; flex-wrap: wrap; gap: 0.25rem 1.4rem; }
    nav a { display: inline-block; padding: 0.35rem 0; font-weight: 600; text-decoration: none; border-bottom: 4px solid transparent; }
    nav a[aria-current="page"] { border-bottom-color: var(--brand-ink); }
    nav a:hover { border-bottom-color: var(--brand-ink); }
    main.wrap { display: block; padding-top: 1.25rem; padding-bottom: 3.5rem; }
    main:focus { outline: none; }
    h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.5rem 0 0.75rem; }
    h2 { font-size: 1.5rem; line-height: 1.3; margin: 2.2rem 0 0.75rem; }
    h3 { font-size: 1.2rem; line-height: 1.35; margin: 0 0 0.5rem; }
    p, li { max-width: 44rem; }
    .lead { font-size: 1.25rem; color: var(--muted); margin-top: 0; }
    .muted { color: var(--muted); }
    .cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); }
    .card { background: var(--surface); border: 1px solid var(--line); border-radius: 0.5rem; padding: 1rem 1.2rem; }
    .card p { margin: 0.4rem 0; }
    .alert { border-left: 0.5rem solid var(--unknown); }
    .alert.extreme { border-left-color: var(--extreme); } .alert.severe { border-left-color: var(--severe); }
    .alert.moderate { border-left-color: var(--moderate); } .alert.minor { border-left-color: var(--minor); }
    .badge { display: inline-block; padding: 0.05rem 0.6rem; border-radius: 1rem; font-size: 0.95rem; font-weight: 700; color: var(--badge-ink); background: var(--unknown); }
    .badge.extreme { background: var(--extreme); } .badge.severe { background: var(--severe); }
    .badge.moderate { background: var(--moderate); } .badge.minor { background: var(--minor); }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0.6rem 0; }
    dl.facts dt { font-weight: 700; } dl.facts dd { margin: 0; }
    .map { width: 100%; max-width: 56rem; height: auto; display: block; margin: 0.5rem 0 1rem; background: var(--surface); border: 1px solid var(--line); border-radius: 0.5rem; }
    .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
    .advice li { margin-bottom: 0.4rem; }
    th[scope=row] { white-space: nowrap; }
    .swatch { display: inline-block; width: 1.1rem; height: 1.1rem; border: 1px solid var(--ink); vertical-align: -0.15rem; margin-right: 0.4rem; }
    .table-scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 1rem; }
    caption { text-align: left; font-weight: 700; padding-bottom: 0.4rem; }
    th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.6rem; border-bottom: 1px solid var(--line); }
    thead th { border-bottom: 2px solid var(--ink); }
    .notice { background: var(--notice); border-left: 0.5rem solid var(--moderate); padding: 0.8rem 1rem; border-radius: 0.25rem; }
    .notice p { margin: 0; }
    .notice h2 { margin-top: 0.2rem; }
    main section { border-top: 1px solid var(--line); margin-top: 2rem; }
    main section h2 { margin-top: 1.2rem; }
    .cards.single { grid-template-columns: 1fr; }
    ol.steps li, ul.points li { margin-bottom: 0.6rem; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.95em; background: var(--surface); padding: 0.1rem 0.3rem; border-radius: 0.2rem; word-break: break-all; }
    fieldset { border: 1px solid var(--line); border-radius: 0.5rem; margin: 0 0 1.2rem; padding: 0.8rem 1.2rem 1rem; }
    fieldset.invalid { border: 3px solid var(--wrong); }
    legend { font-weight: 700; padding: 0 0.3rem; max-width: 100%; }
    .option { display: flex; gap: 0.7rem; align-items: flex-start; margin: 0.5rem 0; }
    .option input { width: 1.4rem; height: 1.4rem; margin: 0.15rem 0 0; flex: none; accent-color: var(--brand); }
    .option label { cursor: pointer; }
    .field-error { color: var(--wrong); font-weight: 700; margin: 0.2rem 0; }
    .error-summary { border: 4px solid var(--wrong); padding: 1rem 1.2rem; margin-bottom: 1.5rem; border-radius: 0.25rem; }
    .error-summary h2 { margin-top: 0; }
    button { font: inherit; font-weight: 700; color: var(--brand-ink); background: var(--brand); border: 0; border-radius: 0.4rem; padding: 0.75rem 1.4rem; cursor: pointer; box-shadow: 0 3px 0 var(--ink); }
    button:hover { text-decoration: underline; }
    .result { list-style: none; padding: 0; }
    .result li { border-left: 0.5rem solid var(--right); background: var(--surface); padding: 0.7rem 1rem; margin-bottom: 0.8rem; max-width: none; }
    .result li.wrong { border-left-color: var(--wrong); }
    .verdict { font-weight: 800; }
    .result li .verdict { color: var(--right); } .result li.wrong .verdict { color: var(--wrong); }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; }
    footer.site { border-top: 1px solid var(--line); background: var(--surface); padding: 1.2rem 0 2rem; font-size: 1rem; }
    footer.site p { margin: 0.3rem 0; }
    @media (max-width: 40rem) {
      body { font-size: 1.0625rem; }
      h1 { font-size: 1.7rem; }
      .bar { flex-wrap: wrap; }
      nav ul { gap: 0 1rem; }
      dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: 0.4rem; }
      th[scope=row] { white-space: normal; }
      table { font-size: 0.95rem; } th, td { padding: 0.45rem 0.4rem; }
    }
    @media print { header.site nav, .skip, .emergency { display: none; } }
    """
}
