// The built-in UI's stylesheet, shipped inside the script so a site adds nothing but the script tag. Every rule is
// scoped under #gcb-root and sets what it relies on, so the host page's CSS neither leaks in nor is touched.
export const UI_CSS = `
#gcb-root{position:fixed;right:0;bottom:0;width:0;height:0;overflow:visible;z-index:2147483000}
#gcb-root .gcb-hidden{display:none!important}
#gcb-root .gcb-btn{all:initial;box-sizing:border-box;display:inline-block;cursor:pointer;
 font:600 14px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;border-radius:999px;
 padding:10px 16px;color:#fff;background:#1a56db;box-shadow:0 2px 8px rgba(0,0,0,.25);transition:background .15s}
#gcb-root .gcb-btn:hover{background:#1e429f}
#gcb-root .gcb-btn:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
#gcb-root .gcb-start{position:fixed;right:20px;bottom:20px}
#gcb-root .gcb-bar{all:initial;box-sizing:border-box;position:fixed;right:20px;bottom:20px;display:flex;
 align-items:center;gap:14px;padding:10px 12px 10px 16px;background:#111827;color:#f9fafb;border-radius:12px;
 box-shadow:0 4px 16px rgba(0,0,0,.3);font:14px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
#gcb-root .gcb-info{display:flex;flex-direction:column;gap:2px}
#gcb-root .gcb-label{font-size:11px;letter-spacing:.04em;text-transform:uppercase;color:#9ca3af}
#gcb-root .gcb-code{font:700 20px/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.06em}
#gcb-root .gcb-state{font-size:13px;color:#d1d5db}
#gcb-root .gcb-state.gcb-connected{color:#86efac}
#gcb-root .gcb-exit{background:#dc2626;padding:8px 14px}
#gcb-root .gcb-exit:hover{background:#b91c1c}
#gcb-root .gcb-secondary{background:#e5e7eb;color:#111827}
#gcb-root .gcb-secondary:hover{background:#d1d5db}
#gcb-root .gcb-prompt{all:initial;box-sizing:border-box;position:fixed;right:20px;bottom:96px;display:block;width:330px;
 max-width:calc(100vw - 40px);padding:16px;background:#fff;color:#111827;border-radius:12px;
 box-shadow:0 8px 30px rgba(0,0,0,.35);font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
#gcb-root .gcb-prompt-title{display:block;margin:0 0 6px;font-size:15px;font-weight:700}
#gcb-root .gcb-prompt-hint{display:block;margin:0 0 14px;font-size:13px;color:#4b5563}
#gcb-root .gcb-prompt-buttons{display:flex;justify-content:flex-end;gap:8px}
#gcb-root .gcb-frame{position:fixed;left:0;top:0;right:0;bottom:0;box-sizing:border-box;border:5px solid #f59e0b;
 pointer-events:none}
#gcb-root .gcb-banner{all:initial;box-sizing:border-box;position:fixed;top:10px;left:50%;transform:translateX(-50%);
 display:flex;align-items:center;gap:12px;max-width:calc(100vw - 20px);padding:6px 6px 6px 14px;background:#f59e0b;
 color:#111827;border-radius:10px;box-shadow:0 4px 16px rgba(0,0,0,.3);
 font:600 14px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
`;
