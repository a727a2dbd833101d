// Package browser tests the example app in a real browser: headless
// Chromium, driven over the DevTools protocol by chromedp.
//
// Without Chromium at /usr/bin/chromium the tests skip, unless
// NEXTFIBER_BROWSER_TESTS=1 (as CI sets it): then they fail, so that CI
// never passes without having run them. NEXTFIBER_SCREENSHOT_DIR, when
// set, keeps the screenshots there (as CI artifacts, or to look at).
package browser
