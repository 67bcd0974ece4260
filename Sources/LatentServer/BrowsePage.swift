/// A page of the collection as `GET /browse` answers it: the index's size, where the page starts, its images.
struct BrowsePage: Codable {
    /// One image of the page, named as a search result names it, without rank or distance.
    struct Image: Codable {
        let row: Int
        let path: String
        let label: String
    }

    let total: Int
    let offset: Int
    let results: [Image]
}
