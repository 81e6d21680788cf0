//! translate-toolkit and OmegaT read `tm export`'s TMX: runs
//! `tests/interop/run` (which says how) against this build's binary.
//!
//! The tools live outside cargo (a Python venv and a Java program). With
//! `DRAGOMAN_INTEROP=1` (set by `.ci/run`, which installs them) they must be
//! there and both checks must pass. Without it the test runs when the tools
//! are already installed and otherwise skips with a notice.

use std::path::Path;
use std::process::Command;

#[test]
fn translate_toolkit_and_omegat_read_the_tmx_export() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let required = std::env::var("DRAGOMAN_INTEROP").is_ok_and(|v| v == "1");
    let omegat_jar =
        std::env::var("OMEGAT_JAR").unwrap_or_else(|_| "/usr/share/omegat/OmegaT.jar".to_string());
    let installed =
        root.join("tests/interop/.venv/bin/python").exists() && Path::new(&omegat_jar).exists();
    if !required && !installed {
        eprintln!(
            "skipped: translate-toolkit or OmegaT is not installed \
             (tests/interop/run --setup installs them; DRAGOMAN_INTEROP=1 makes this test require them)"
        );
        return;
    }
    let out = Command::new(root.join("tests/interop/run"))
        .env("DRAGOMAN_BIN", env!("CARGO_BIN_EXE_dragoman"))
        .output()
        .expect("running tests/interop/run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "tests/interop/run failed:\n{report}");
    for tool in ["translate-toolkit", "omegat"] {
        assert!(
            stdout.lines().any(|l| l == format!("PASS {tool}")),
            "no PASS for {tool}:\n{report}"
        );
    }
}
