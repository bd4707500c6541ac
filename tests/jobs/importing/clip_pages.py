"""Two posting pages as a browser would show them (own text): one with schema.org JobPosting data, one without."""

import json

JSON_LD = {
    "@context": "https://schema.org", "@type": "JobPosting",
    "title": "Staff Data Engineer", "hiringOrganization": {"@type": "Organization", "name": "Heron Analytics"},
    "jobLocation": {"@type": "Place", "address": {"addressLocality": "Leipzig", "addressCountry": "DE"}},
    "employmentType": "FULL_TIME", "datePosted": "2026-11-20",
    "description": "<p>Build our pipelines in Python and Apache Spark on AWS.</p><p>Airflow is a plus.</p>",
}

WITH_JSON_LD = f"""<!doctype html><html><head><title>Staff Data Engineer | Heron careers</title>
<script type="application/ld+json">{json.dumps(JSON_LD)}</script>
<script>document.title = "changed by a script";</script></head>
<body><nav>Home · Jobs · About</nav><main><h1>Staff Data Engineer</h1><p>Leipzig or remote.</p></main></body></html>"""

WITHOUT_JSON_LD = """<!doctype html><html><head><title>Careers – Kestrel Robotics</title>
<meta property="og:site_name" content="Kestrel Robotics"><style>body { color: red }</style></head>
<body>
<header><a href="/">Kestrel Robotics</a></header>
<nav><ul><li>Products</li><li>Careers</li><li>Blog</li></ul></nav>
<div id="cookie" hidden>We use cookies, accept all of them please.</div>
<main>
  <h1>Embedded Rust Developer</h1>
  <p>Our robots sort parcels in warehouses across Europe. You will write the firmware that drives them.</p>
  <h2>What you will do</h2>
  <ul><li>Write firmware in Rust for ARM Cortex-M microcontrollers</li>
      <li>Bring up new boards with the hardware team</li></ul>
  <h2>What you bring</h2>
  <ul><li>Three years of embedded development in Rust or C</li><li>Experience with Linux and Git</li></ul>
  <p onclick="steal()">Apply with your CV <script>steal()</script><img src="x" onerror="steal()"></p>
  <form><button>Apply now</button></form>
</main>
<aside>Similar jobs: Office Manager</aside>
<footer>© Kestrel Robotics · Imprint · Privacy</footer>
</body></html>"""
