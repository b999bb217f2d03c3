//! One snapshot of the whole record per fixture: the review surface.
//! A new fixture gets a snapshot by being dropped into `fixtures/`.

#[test]
fn text_fixture_records() {
    insta::glob!("../fixtures", "{*.txt,written/*.txt,blind/*.txt,malformed/*.txt}", |path| {
        let record = vacancy_ingest::parse_path(path).expect("fixture readable");
        insta::assert_json_snapshot!(record);
    });
}
