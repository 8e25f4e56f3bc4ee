"""Synthetic plan files for scripts/benchmark.py: fictional local plans, clearly marked as such
(ids `bench-…`, `fictional: true`, "synthetic" in every text), whose activities serve a task of
their plan and one of the five asean-2021 priority areas. Nothing here is real.

    synthetic_plans(1000) -> {"bench-plan-001.yml": {...plan-file data...}, ...}"""

from __future__ import annotations

import random

N_PLANS = 100
AREAS = [f"asean-2021#pa-{i}" for i in range(1, 6)]

TOPICS = [("chuyển đổi số trong quản lý cán bộ, công chức", "digital transformation in civil-service management"),
          ("kỹ năng hội nhập ASEAN", "skills for ASEAN integration"), ("cải cách thủ tục hành chính", "reform of administrative procedures"),
          ("đánh giá kết quả thực thi công vụ", "appraisal of civil-service performance"),
          ("ngoại ngữ cho công chức trẻ", "foreign languages for young civil servants"), ("dịch vụ công trực tuyến", "online public services"),
          ("đạo đức công vụ", "public-service ethics"), ("quản trị nguồn nhân lực khu vực công", "public-sector human-resource management"),
          ("chính quyền địa phương linh hoạt", "agile local government"), ("bình đẳng giới trong khu vực công", "gender equality in the public sector"),
          ("tiếp nhận phản ánh, kiến nghị của người dân", "handling citizens' feedback and petitions"),
          ("lưu trữ điện tử hồ sơ công chức", "electronic records of civil servants")]
FORMATS = [("Lớp bồi dưỡng về {t}", "Training course on {t}"), ("Hội thảo chia sẻ kinh nghiệm về {t}", "Workshop sharing experience in {t}"),
           ("Đoàn khảo sát học tập về {t}", "Study tour on {t}"), ("Diễn đàn trực tuyến về {t}", "Online forum on {t}"),
           ("Tập huấn cán bộ đầu mối về {t}", "Training of focal points on {t}"), ("Biên soạn tài liệu hướng dẫn về {t}", "Guidance material on {t}")]
PARTNERS = [("Sở Nội vụ", "Department of Home Affairs"), ("Trường Chính trị tỉnh", "Provincial Political School"),
            ("Sở Thông tin và Truyền thông", "Department of Information and Communications"),
            ("Học viện Hành chính Quốc gia", "National Academy of Public Administration"), ("Ủy ban nhân dân các huyện", "District People's Committees"),
            ("Một cơ quan công vụ nước ngoài (hư cấu)", "A foreign civil-service agency (fictional)")]


def _date(rng: random.Random, year_from: int = 2019, year_to: int = 2025) -> str:
    return f"{rng.randint(year_from, year_to)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _activity(rng: random.Random, number: int, plan: int, tasks: int) -> dict:
    vi_p, en_p = f"Tỉnh Mẫu {plan:03d}", f"Sample Province {plan:03d}"
    topic, fmt, year, people, partner = rng.choice(TOPICS), rng.choice(FORMATS), rng.randint(2019, 2025), rng.randint(20, 300), rng.choice(PARTNERS)
    act: dict = {
        "id": f"bench-act-{number:05d}",
        "title": {"vi": f"{fmt[0].format(t=topic[0])} tại {vi_p} năm {year} (đợt {number % 7 + 1})",
                  "en": f"{fmt[1].format(t=topic[1])} in {en_p}, {year} (round {number % 7 + 1})"},
        "text": {"vi": f"Dữ liệu tổng hợp để đo hiệu năng, không có thật. {vi_p} tổ chức hoạt động cho khoảng {people} cán bộ, công chức "
                       f"cấp tỉnh và cấp huyện, tập trung vào {topic[0]}. Hoạt động phối hợp với {partner[0].lower()} và có phần trao đổi "
                       f"kinh nghiệm của các nước ASEAN; kết quả được báo cáo trong kế hoạch năm {year + 1}.",
                 "en": f"Synthetic benchmark data, not real. {en_p} held this activity for about {people} provincial and district civil "
                       f"servants, focused on {topic[1]}. It was run with the {partner[1]} and included an exchange of experience with "
                       f"ASEAN countries; results are reported in the {year + 1} plan."},
        "framework": rng.choices(["local", "ministry", "accsm"], weights=[8, 1, 1])[0],
        "status": rng.choice(["planned", "ongoing", "completed", "recurring"]),
    }
    kind = rng.random()
    if kind < 0.40:
        act["date"] = _date(rng, year, year)
    elif kind < 0.55:
        act["date"] = f"{year}-{rng.randint(1, 12):02d}"
    elif kind < 0.80:
        act["start"], act["end"] = _date(rng, year, year), f"{min(year + rng.randint(0, 1), 2025)}-12-31"
    if rng.random() < 0.7:
        act["place"] = {"vi": f"Trung tâm hội nghị {vi_p}", "en": f"{en_p} conference centre"}
    if rng.random() < 0.8:
        act["lead"] = f"bench-agency-{plan:03d}"
    partners = [{"vi": p[0], "en": p[1]} for p in rng.sample(PARTNERS, rng.randint(0, 3))]
    act.update({"partners": partners} if partners else {})
    act["serves"] = [f"bench-plan-{plan:03d}#task-{number % tasks + 1}", AREAS[number % len(AREAS)]]
    act["mapping"] = "official" if rng.random() < 0.2 else "editorial"
    if rng.random() < 0.6:
        act["rationale"] = {"vi": f"Hoạt động nâng cao năng lực của công chức về {topic[0]}; việc gắn với lĩnh vực ưu tiên là nhận định biên tập.",
                            "en": f"The activity builds civil servants' capacity in {topic[1]}; the link to the priority area is an editorial reading."}
    act["sources"] = [f"bench-source-{plan:03d}"]
    if rng.random() < 0.3:
        act["evidence"] = [{"title": {"vi": "Bản tin (tổng hợp)", "en": "News item (synthetic)"}, "url": f"https://example.org/bench/{act['id']}"}]
    return act


def synthetic_plans(total: int, seed: int = 2024) -> dict[str, dict]:
    """{file name: plan-file data} for ``total`` activities spread over N_PLANS local plans."""
    rng, files, number = random.Random(seed + total), {}, 0
    for plan in range(1, N_PLANS + 1):
        vi_p, en_p = f"Tỉnh Mẫu {plan:03d}", f"Sample Province {plan:03d}"
        tasks = 3 + plan % 3
        source = {"id": f"bench-source-{plan:03d}", "publisher": {"vi": "Dữ liệu tổng hợp (đo hiệu năng)", "en": "Synthetic data (benchmark)"},
                  "title": f"Nguồn tổng hợp số {plan:03d}, không có thật", "date": _date(rng, 2019, 2020),
                  "note": {"vi": "Sinh tự động bởi scripts/synthetic.py.", "en": "Generated by scripts/synthetic.py."}}
        items = []
        for k in range(1, tasks + 1):
            topic = TOPICS[(plan + k) % len(TOPICS)]
            items.append({"id": f"task-{k}", "kind": "task", "number": k, "title": {"vi": f"Tăng cường {topic[0]}", "en": f"Strengthen {topic[1]}"},
                          "text": {"vi": f"{vi_p} xây dựng và thực hiện các hoạt động về {topic[0]} cho cán bộ, công chức, viên chức "
                                         f"trong giai đoạn 2019–2025, gắn với Đề án 1439 (dữ liệu tổng hợp).",
                                   "en": f"{en_p} plans and carries out activities on {topic[1]} for its civil servants and public "
                                         f"employees in 2019–2025, in line with Project 1439 (synthetic data)."},
                          **({"deadline": f"{2020 + k}-12-31"} if k % 2 else {})})
        activities = []
        for _ in range(total // N_PLANS + (1 if plan <= total % N_PLANS else 0)):
            number += 1
            activities.append(_activity(rng, number, plan, tasks))
        document = {"id": f"bench-plan-{plan:03d}", "kind": "local-plan", "number": f"{plan:03d}/KH-UBND", "fictional": True,
                    "title": {"vi": f"Kế hoạch của {vi_p} triển khai Đề án 1439 (dữ liệu tổng hợp đo hiệu năng)",
                              "en": f"{en_p}'s plan implementing Project 1439 (synthetic benchmark data)"},
                    "short_title": {"vi": f"Kế hoạch {plan:03d} ({vi_p})", "en": f"Plan {plan:03d} ({en_p})"},
                    "issuer": {"vi": f"Ủy ban nhân dân {vi_p} (hư cấu)", "en": f"People's Committee of {en_p} (fictional)"},
                    "issued": _date(rng, 2019, 2020), "status": "example", "sources": [source["id"]],
                    "relations": [{"type": "implements", "target": "qd-1439"}], "items": items}
        mapping = {"from": f"bench-plan-{plan:03d}#task-1", "to": f"qd-1439#solution-{plan % 5 + 1}", "basis": "editorial",
                   "rationale": {"vi": "Nhiệm vụ cụ thể hóa giải pháp của Đề án (dữ liệu tổng hợp).",
                                 "en": "The task puts a solution of the Project into practice (synthetic data)."}}
        agency = {"id": f"bench-agency-{plan:03d}", "name": {"vi": f"Sở Nội vụ {vi_p}", "en": f"{en_p} Department of Home Affairs"},
                  "kind": "local-government", "sources": [source["id"]]}
        files[f"bench-plan-{plan:03d}.yml"] = {"agencies": [agency], "sources": [source], "documents": [document], "mappings": [mapping], "activities": activities}
    return files
