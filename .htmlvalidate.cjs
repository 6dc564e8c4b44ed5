// html-validate settings for the built site (tests/test_site_quality.py). The recommended rules,
// minus those that flag valid HTML for style reasons or Material's own markup, each said why.
"use strict";
module.exports = {
  extends: ["html-validate:recommended"],
  rules: {
    // Style, not validity: Jinja templates leave trailing spaces; "<!doctype html>" in lower
    // case is what the HTML standard itself writes.
    "no-trailing-whitespace": "off",
    "doctype-style": "off",
    // HTML5 ids need only be non-empty without spaces; Material's ids start with "__" and the
    // archive's year headings are years ("2025"). Check validity, not the stricter style.
    "valid-id": ["error", { relaxed: true }],
    // Material's drawer and search toggles are checkboxes with autocomplete="off", which stops
    // Firefox from restoring their state on reload; browsers ignore it otherwise.
    "valid-autocomplete": "off",
    // Material's search form searches as you type: it has no submit button by design.
    "wcag/h32": "off",
    // Material prints the table of contents twice (the mobile drawer and the desktop sidebar),
    // one hidden at any width, both with the same label.
    "unique-landmark": "off",
    // Article titles are the outlets' headlines; a 70-character cap is an SEO preference.
    "long-title": "off",
  },
};
