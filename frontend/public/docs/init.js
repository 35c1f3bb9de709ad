// Renders the API reference from the served contract. Kept in its own file (no inline
// scripts) so the page works under a strict Content-Security-Policy.
/* global Redoc */
var font = "'Pretendard GOV', system-ui, -apple-system, 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";
Redoc.init('/openapi.yaml', {
  expandResponses: '200,201',
  theme: {
    typography: { fontFamily: font, headings: { fontFamily: font } },
    colors: { primary: { main: '#0b50d0' } },
  },
}, document.getElementById('redoc'));
