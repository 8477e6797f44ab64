def test_home_renders(cast, login):
    r = login(cast.school_head).get("/")
    assert r.status_code == 200
    assert "校长壬" in r.content.decode()
