//! The TMX reader on arbitrary bytes: an error names the file; a memory it
//! accepts exports and reads back with the same units.

#![no_main]

use dragoman::formats::tmx;
use dragoman::tm::Unit;
use libfuzzer_sys::fuzz_target;

fn read(bytes: &[u8]) -> dragoman::error::Result<Vec<Unit>> {
    let mut units = Vec::new();
    tmx::read("memory.tmx", bytes, &|_| 1, &mut |unit| {
        units.push(unit);
        Ok(())
    })?;
    Ok(units)
}

fuzz_target!(|data: &[u8]| match read(data) {
    Err(e) => assert!(e.to_string().starts_with("memory.tmx"), "{e}"),
    Ok(units) => {
        let mut writer = tmx::TmxWriter::new(Vec::new(), "en").expect("header");
        for unit in &units {
            writer.unit(unit).expect("unit");
        }
        let bytes = writer.finish().expect("end");
        let again = read(&bytes).unwrap_or_else(|e| {
            panic!(
                "export does not import: {e}\n{}",
                String::from_utf8_lossy(&bytes)
            )
        });
        assert_eq!(again.len(), units.len(), "units lost");
    }
});
