"""The public submission the benchmark posts (all required fields, consents on, Korean text)."""


def submission_form(seq: int | str) -> dict:
    return {
        "complainant_name": "김민지",
        "complainant_email": f"bench-citizen{seq}@example.com",
        "complainant_phone": "010-1234-5678",
        "on_behalf_of": "self",
        "affected_party": "",
        "title": f"주민센터 민원 창구에서 장애인 응대 거부 {seq}",
        "description": (
            "휠체어를 이용하는 제가 주민센터 민원 창구를 찾았으나 직원이 경사로가 없다며 "
            "2층 상담실 이용을 안내하고 대체 수단을 제공하지 않았습니다. 세 차례 방문하였으나 "
            "매번 같은 답변을 들었습니다. 장애인 편의 제공과 재발 방지를 요청합니다. "
            f"참조 {seq}"
        ),
        "incident_date": "",
        "incident_place": "광주광역시 서구 주민센터",
        "respondent_agency": "서구 주민센터",
        "respondent_department": "",
        "consent_personal_data": "on",
        "consent_sensitive_data": "on",
        "website": "",
    }


if __name__ == "__main__":
    import json

    # load.py placeholders: unique per request
    print(json.dumps(submission_form("{seq}-{rand}"), ensure_ascii=False))
