package main

import "strings"

// agency is a real Korean public body as the archive names it: the first word is the
// region word the importer reads (regionOf), so "서울특별시 중구", "인천광역시 소방본부", but a
// city of a province stands alone ("부천시", never "경기도 부천시").
type agency struct {
	name   string
	weight int // how often it wins: provinces and big cities enter more contests
}

// metros are the 17 시·도 with their autonomous districts (자치구·군) where they have them.
var metros = []struct {
	name      string
	districts string
	fire      string // the fire headquarters' name
	education string
}{
	{"서울특별시", "종로구 중구 용산구 성동구 광진구 동대문구 중랑구 성북구 강북구 도봉구 노원구 은평구 서대문구 마포구 양천구 강서구 구로구 금천구 영등포구 동작구 관악구 서초구 강남구 송파구 강동구", "소방재난본부", "서울특별시교육청"},
	{"부산광역시", "중구 서구 동구 영도구 부산진구 동래구 남구 북구 해운대구 사하구 금정구 강서구 연제구 수영구 사상구 기장군", "소방재난본부", "부산광역시교육청"},
	{"대구광역시", "중구 동구 서구 남구 북구 수성구 달서구 달성군 군위군", "소방안전본부", "대구광역시교육청"},
	{"인천광역시", "중구 동구 미추홀구 연수구 남동구 부평구 계양구 서구 강화군 옹진군", "소방본부", "인천광역시교육청"},
	{"광주광역시", "동구 서구 남구 북구 광산구", "소방안전본부", "광주광역시교육청"},
	{"대전광역시", "동구 중구 서구 유성구 대덕구", "소방본부", "대전광역시교육청"},
	{"울산광역시", "중구 남구 동구 북구 울주군", "소방본부", "울산광역시교육청"},
	{"세종특별자치시", "", "소방본부", "세종특별자치시교육청"},
	{"경기도", "", "소방재난본부", "경기도교육청"},
	{"강원특별자치도", "", "소방본부", "강원특별자치도교육청"},
	{"충청북도", "", "소방본부", "충청북도교육청"},
	{"충청남도", "", "소방본부", "충청남도교육청"},
	{"전북특별자치도", "", "소방본부", "전북특별자치도교육청"},
	{"전라남도", "", "소방본부", "전라남도교육청"},
	{"경상북도", "", "소방본부", "경상북도교육청"},
	{"경상남도", "", "소방본부", "경상남도교육청"},
	{"제주특별자치도", "", "소방안전본부", "제주특별자치도교육청"},
}

// provincialCities are cities and counties of the provinces, named alone as they are.
// (경기 광주시 and the second 고성군 are left out: their names would collide.)
var provincialCities = strings.Fields(`
수원시 성남시 의정부시 안양시 부천시 광명시 평택시 동두천시 안산시 고양시 과천시 구리시 남양주시 오산시
시흥시 군포시 의왕시 하남시 용인시 파주시 이천시 안성시 김포시 화성시 양주시 포천시 여주시 연천군 가평군 양평군
춘천시 원주시 강릉시 동해시 태백시 속초시 삼척시 홍천군 횡성군 영월군 평창군 정선군 철원군 화천군 양구군 인제군 고성군 양양군
청주시 충주시 제천시 보은군 옥천군 영동군 증평군 진천군 괴산군 음성군 단양군
천안시 공주시 보령시 아산시 서산시 논산시 계룡시 당진시 금산군 부여군 서천군 청양군 홍성군 예산군 태안군
전주시 군산시 익산시 정읍시 남원시 김제시 완주군 진안군 무주군 장수군 임실군 순창군 고창군 부안군
목포시 여수시 순천시 나주시 광양시 담양군 곡성군 구례군 고흥군 보성군 화순군 장흥군 강진군 해남군 영암군 무안군 함평군 영광군 장성군 완도군 진도군 신안군
포항시 경주시 김천시 안동시 구미시 영주시 영천시 상주시 문경시 경산시 의성군 청송군 영양군 영덕군 청도군 고령군 성주군 칠곡군 예천군 봉화군 울진군 울릉군
창원시 진주시 통영시 사천시 김해시 밀양시 거제시 양산시 의령군 함안군 창녕군 남해군 하동군 산청군 함양군 거창군 합천군
제주시 서귀포시`)

// bigCities enter (and win) more often than small counties.
var bigCities = map[string]bool{
	"수원시": true, "성남시": true, "부천시": true, "고양시": true, "용인시": true, "화성시": true, "안산시": true,
	"시흥시": true, "청주시": true, "천안시": true, "전주시": true, "창원시": true, "김해시": true, "포항시": true,
	"제주시": true, "원주시": true, "춘천시": true, "순천시": true, "여수시": true, "구미시": true,
}

// agencies lists every body the generator draws from, in a fixed order.
var agencies = buildAgencies()

func buildAgencies() []agency {
	var out []agency
	for _, m := range metros {
		out = append(out, agency{m.name, 6})
	}
	for _, c := range provincialCities {
		w := 1
		if bigCities[c] {
			w = 3
		}
		out = append(out, agency{c, w})
	}
	for _, m := range metros {
		for _, d := range strings.Fields(m.districts) {
			out = append(out, agency{m.name + " " + d, 2})
		}
	}
	for _, m := range metros {
		out = append(out, agency{m.name + " " + m.fire, 2}, agency{m.education, 1})
	}
	for _, n := range []string{"서울특별시 상수도사업본부", "부산광역시 상수도사업본부", "인천광역시 상수도사업본부", "대구광역시 상수도사업본부",
		"서울특별시 자치경찰위원회", "경기도 자치경찰위원회", "경기도 북부청", "서울특별시 120다산콜재단"} {
		out = append(out, agency{n, 1})
	}
	return out
}

// shortName is how a team names its agency ("중구", "소방본부", "부천시").
func shortName(a string) string {
	f := strings.Fields(a)
	return f[len(f)-1]
}
