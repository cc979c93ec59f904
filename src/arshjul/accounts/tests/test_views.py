"""Sign-in: works; throttling is in test_throttle.py."""


def test_sign_in_and_out(client, world):
    response = client.post(
        "/accounts/login/", {"username": "finance_officer", "password": "secret-password"}
    )
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert client.get("/me/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/me/").status_code == 302
