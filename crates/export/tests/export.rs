//! Exports of a store holding the seed, read back: JSON Lines by serde,
//! Parquet by the parquet crate's own reader (as pandas' would).

use std::path::PathBuf;

use newsgraph_export::{export, Format, TABLES};
use newsgraph_pipeline::Pipeline;
use newsgraph_store::{content_hash, Analysed, Store};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/voa-emboldened-north-korea.txt");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_table_exports_to_jsonl_and_parquet_with_the_same_rows() {
    let dir = scratch("tables");
    let mut store = Store::open(&dir.join("news.db")).unwrap();
    let page = newsgraph_input::read_file(std::path::Path::new(SEED)).unwrap();
    let doc = Pipeline::new().analyze(&page);
    let quotes = doc.quotes.len() as u64;
    store.put(Analysed { doc, content_hash: content_hash(&page.text), tier: "fast".into() }).unwrap();

    for table in TABLES {
        let jsonl = dir.join(format!("{table}.jsonl"));
        let parquet = dir.join(format!("{table}.parquet"));
        let rows = export(&store, table, Format::Jsonl, &jsonl).unwrap();
        assert_eq!(export(&store, table, Format::Parquet, &parquet).unwrap(), rows, "{table}");
        let lines = std::fs::read_to_string(&jsonl).unwrap();
        assert_eq!(lines.lines().count() as u64, rows, "{table}");
        for line in lines.lines() {
            let _: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).unwrap();
        }
        let reader = SerializedFileReader::new(std::fs::File::open(&parquet).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows() as u64, rows, "{table}");
        let columns = reader.metadata().file_metadata().schema_descr().num_columns();
        assert_eq!(columns, store.columns(table).unwrap().len(), "{table}");
    }
    assert!(std::fs::read_to_string(dir.join("ingest_errors.jsonl")).unwrap().is_empty());

    let reader = SerializedFileReader::new(std::fs::File::open(dir.join("quotes.parquet")).unwrap()).unwrap();
    let mut revere = 0;
    let mut rows = 0;
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        rows += 1;
        for (name, field) in row.get_column_iter() {
            if name == "speaker" && *field == Field::Str("Evans Revere".into()) {
                revere += 1;
            }
        }
    }
    assert_eq!((rows, revere), (quotes, 5));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_table_is_refused_with_the_list_of_tables() {
    let dir = scratch("unknown");
    let store = Store::open(&dir.join("news.db")).unwrap();
    let error = export(&store, "passwords", Format::Jsonl, &dir.join("x.jsonl")).unwrap_err();
    assert!(error.to_string().contains("tables: articles, quotes"), "{error}");
    let _ = std::fs::remove_dir_all(&dir);
}
