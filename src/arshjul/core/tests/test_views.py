def test_an_anonymous_visitor_is_sent_to_sign_in_not_refused(client_for, world):
    response = client_for("anonymous").get("/feedback/cycles/test-2022/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/feedback/cycles/test-2022/"
    # A signed-in user who may not see it is still refused, and the API keeps its codes.
    assert client_for("secretary_committee_a").get("/feedback/cycles/test-2022/").status_code == 403
    assert client_for("anonymous").get(
        "/api/v1/cycles/test-2022/feedback-dashboard"
    ).status_code in (401, 403)
