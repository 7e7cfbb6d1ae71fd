package jsna_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/wardwise/wardwise/jsna"
)

func ExampleParse() {
	data := []byte(`{"format": "jsna/1", "id": "x", "title": "X",
  "area": {"code": "E09000099", "name": "Example Borough"},
  "benchmark": {"code": "E92000001", "name": "England"},
  "indicators": [{"id": "90323", "name": "Reception obesity", "method": "proportion", "polarity": "lower-is-better"}],
  "wards": [{"code": "E05000001", "name": "Riverside", "values": [{"indicator": "90323", "count": 40, "denominator": 35}]},
            {"code": "E05000001", "name": "Hillside", "population": "many"}]}`)
	_, err := jsna.Parse("wards.json", data)
	var e *jsna.Error
	if errors.As(err, &e) {
		for _, p := range e.Problems {
			fmt.Println(p)
		}
	}
	// Output:
	// wards[0].values[0].count: count 40 is more than the denominator 35, which a proportion cannot be
	// wards[1].code: ward "E05000001" is listed twice (also wards[0])
	// wards[1].population (line 6, column 69): must be a number, got the string "many"
}

func ExampleEncode() {
	d, err := jsna.Decode([]byte(`{"title": "T", "id": "t", "format": "jsna/1",
		"area": {"name": "A", "code": "E09000099", "added_in_a_later_version": [2, 1]}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	jsna.Encode(os.Stdout, d)
	// Output:
	// {
	//   "area": {
	//     "added_in_a_later_version": [2, 1],
	//     "code": "E09000099",
	//     "name": "A"
	//   },
	//   "benchmark": {"code": "", "name": ""},
	//   "format": "jsna/1",
	//   "id": "t",
	//   "indicators": [],
	//   "title": "T",
	//   "wards": []
	// }
}

func ExampleRevision() {
	d, _ := jsna.Decode([]byte(`{"format":"jsna/1","id":"m","title":"M","area":{"code":"E09000099","name":"A"},"benchmark":{"code":"E92000001","name":"England"},"indicators":[],"wards":[]}`))
	fmt.Println(jsna.Revision(d))
	// Output:
	// sha256:d4d399c710f1e65cd2790958f8c3f864e9694f45aa92310e5d26acee907a319d
}
