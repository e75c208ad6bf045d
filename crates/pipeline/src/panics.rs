//! A panic in a stage is a bug, but it fails one page, not the batch.
//!
//! The page's analysis runs under `catch_unwind`; a panic hook, installed
//! once a process, keeps quiet about panics while a page is analysed and
//! notes where they happened, so the caller reports each as one line naming
//! the page. A batch of a million pages with a bug in it then prints no
//! backtrace a page (with `RUST_BACKTRACE` set, symbolising one costs over
//! 100 MB). Panics anywhere else go to the hook that was there before.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether this thread is analysing a page.
    static ANALYSING: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic of an analysis happened (`file:line:column`).
    static PANICKED_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn quiet_analysis_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if ANALYSING.with(Cell::get) {
                let at = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                PANICKED_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// `analyse()`, or why it panicked and where, in one line.
pub(crate) fn caught<T>(analyse: impl FnOnce() -> T) -> Result<T, String> {
    quiet_analysis_panics();
    ANALYSING.with(|a| a.set(true));
    let analysed = catch_unwind(AssertUnwindSafe(analyse));
    ANALYSING.with(|a| a.set(false));
    analysed.map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        let at = PANICKED_AT.with(|p| p.borrow_mut().take()).map(|at| format!(" at {at}")).unwrap_or_default();
        format!("analysis failed (a bug; please report it): {why}{at}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_analysis_is_one_line_that_says_where() {
        let failed = caught(|| -> u32 { panic!("index out of bounds") }).unwrap_err();
        assert!(failed.starts_with("analysis failed (a bug; please report it): index out of bounds at "), "{failed}");
        assert!(failed.contains("panics.rs:"), "{failed}");
        assert_eq!(caught(|| 7), Ok(7));
        // Outside an analysis the hook before ours hears of panics again.
        assert!(!ANALYSING.with(Cell::get));
    }
}
